#!/usr/bin/env python3
"""Reads Prometheus text snapshots (curl .../metrics > file) for the issue 3 and 5 benchmarks.

  prom.py value SNAP NAME [LABEL=VALUE]           sum of the samples of NAME whose labels match (0 if none)
  prom.py delta A B NAME [LABEL=VALUE]            value in B minus value in A
  prom.py by A B NAME LABEL                       delta per value of LABEL, as LABEL_VALUE=delta lines
  prom.py quantiles A B HISTOGRAM Q...            quantiles of the observations made between A and B, from the
                                                  cumulative buckets (linear interpolation inside a bucket, as
                                                  Prometheus' histogram_quantile; the first bucket starts at 0),
                                                  plus count, mean and the bucket bound each quantile fell in.
A may be '-' (nothing observed before).
"""
import math
import re
import sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def load(path):
    samples = []
    if path == '-':
        return samples
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            m = SAMPLE.match(line.strip())
            if not m:
                continue
            labels = dict(LABEL.findall(m.group(3) or ''))
            try:
                value = float(m.group(4))
            except ValueError:
                continue
            samples.append((m.group(1), labels, value))
    return samples


def matches(labels, filters):
    return all(labels.get(k) == v for k, v in filters.items())


def value(samples, name, filters):
    return sum(v for n, l, v in samples if n == name and matches(l, filters))


def parse_filters(args):
    return dict(a.split('=', 1) for a in args)


def fmt(x):
    return 'nan' if x is None or (isinstance(x, float) and math.isnan(x)) else f'{x:.6g}'


def quantiles(a, b, name, qs):
    def buckets(samples):
        result = {}
        for n, l, v in samples:
            if n == name + '_bucket':
                le = float('inf') if l['le'] == '+Inf' else float(l['le'])
                result[le] = result.get(le, 0) + v
        return result
    ba, bb = buckets(a), buckets(b)
    bounds = sorted(bb)
    cum = [bb[x] - ba.get(x, 0) for x in bounds]
    count = value(b, name + '_count', {}) - value(a, name + '_count', {})
    total = value(b, name + '_sum', {}) - value(a, name + '_sum', {})
    print(f'count={fmt(count)}')
    print(f'mean={fmt(total / count if count else float("nan"))}')
    for q in qs:
        key = 'p' + ('%g' % (q * 100)).replace('.', '_')
        if not bounds or cum[-1] <= 0:
            print(f'{key}=nan')
            continue
        rank = q * cum[-1]
        for i, c in enumerate(cum):
            if c >= rank:
                lower = bounds[i - 1] if i > 0 else 0.0
                upper = bounds[i]
                below = cum[i - 1] if i > 0 else 0.0
                if math.isinf(upper):
                    est = lower
                else:
                    est = lower + (upper - lower) * ((rank - below) / (c - below) if c > below else 1.0)
                print(f'{key}={fmt(est)}')
                print(f'{key}_bucket=({fmt(lower)},{fmt(upper)}]')
                break


def main(argv):
    cmd = argv[1]
    if cmd == 'value':
        print(fmt(value(load(argv[2]), argv[3], parse_filters(argv[4:]))))
    elif cmd == 'delta':
        f = parse_filters(argv[5:])
        print(fmt(value(load(argv[3]), argv[4], f) - value(load(argv[2]), argv[4], f)))
    elif cmd == 'by':
        a, b, name, label = load(argv[2]), load(argv[3]), argv[4], argv[5]
        keys = sorted({l.get(label) for n, l, v in b if n == name and label in l})
        for k in keys:
            print(f'{label}_{k}={fmt(value(b, name, {label: k}) - value(a, name, {label: k}))}')
    elif cmd == 'quantiles':
        quantiles(load(argv[2]), load(argv[3]), argv[4], [float(q) for q in argv[5:]])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
