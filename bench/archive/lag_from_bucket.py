#!/usr/bin/env python3
"""Cross-check of the archive lag from what ended up in the bucket (s3rver's data directory).

For every segment of every archived media playlist ({stream}/{session}/{rendition}/index.m3u8):
  complete  = EXT-X-PROGRAM-DATE-TIME + EXTINF (the origin stamps PDT from the publisher's arrival clock, and a
              segment completes when the next keyframe arrives, i.e. at about that time);
  stored    = mtime of s3rver's object file (written when the PUT body was stored, just before the 200).
Lag = stored - complete, for segments completed between FROM and TO (unix seconds).
Usage: lag_from_bucket.py S3_DATA_DIR FROM TO   -> key=value lines (ms)
"""
import datetime
import glob
import os
import sys

SUFFIX = '._S3rver_object'


def parse_pdt(value):
    return datetime.datetime.fromisoformat(value.replace('Z', '+00:00')).timestamp()


def main(root, start, end):
    lags = []
    missing = 0
    for playlist in glob.glob(os.path.join(root, '**', 'index.m3u8' + SUFFIX), recursive=True):
        folder = os.path.dirname(playlist)
        pdt = None
        duration = None
        with open(playlist, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if line.startswith('#EXT-X-PROGRAM-DATE-TIME:'):
                    pdt = parse_pdt(line.split(':', 1)[1])
                elif line.startswith('#EXTINF:'):
                    duration = float(line.split(':', 1)[1].split(',')[0])
                elif line and not line.startswith('#'):
                    if pdt is not None and duration is not None:
                        complete = pdt + duration
                        if start <= complete <= end:
                            obj = os.path.join(folder, line + SUFFIX)
                            if os.path.exists(obj):
                                lags.append(os.path.getmtime(obj) - complete)
                            else:
                                missing += 1
                    pdt = pdt + duration if pdt is not None and duration is not None else None
                    duration = None
    lags.sort()
    n = len(lags)

    def q(p):
        return lags[min(n - 1, max(0, int(-(-p * n // 1)) - 1))] * 1000 if n else float('nan')

    print(f'segments={n}')
    print(f'missing_objects={missing}')
    if n:
        print(f'min_ms={lags[0] * 1000:.1f}')
        print(f'p50_ms={q(0.5):.1f}')
        print(f'p90_ms={q(0.9):.1f}')
        print(f'p99_ms={q(0.99):.1f}')
        print(f'max_ms={lags[-1] * 1000:.1f}')
        print(f'mean_ms={sum(lags) / n * 1000:.1f}')


if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
