#!/usr/bin/env python3
"""Writes the Grafana dashboards (deploy/grafana/dashboards/*.json) from the panel lists below.

Edit this file, run `python3 deploy/grafana/generate_dashboards.py`, and commit the JSON under version control:
Grafana provisioning reads the JSON, the Operations tests check it against a live Prometheus.
Every panel queries the datasource with uid "prometheus" (deploy/grafana/provisioning/datasources).
"""
import json
import pathlib
import sys

DATASOURCE = {"type": "prometheus", "uid": "prometheus"}
RATE = "$__rate_interval"
# Output folder: deploy/grafana/dashboards, or the first argument (the tests compare a fresh run with the committed files).
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent / "dashboards"


def target(expr, legend="", ref="A"):
    return {"datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "refId": ref, "range": True}


def panel(kind, title, targets, unit="short", description="", w=12, h=8, stack=False, max_=None):
    refs = "ABCDEFGH"
    p = {
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DATASOURCE,
        "targets": [target(expr, legend, refs[i]) for i, (expr, legend) in enumerate(targets)],
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {},
        "_w": w,
        "_h": h,
    }
    if max_ is not None:
        p["fieldConfig"]["defaults"]["max"] = max_
    if kind == "timeseries":
        p["fieldConfig"]["defaults"]["custom"] = {"fillOpacity": 10, "stacking": {"mode": "normal" if stack else "none"}}
        p["options"] = {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}}
    elif kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "value", "graphMode": "area", "textMode": "auto"}
    return p


def ts(title, targets, unit="short", description="", **kw):
    return panel("timeseries", title, targets, unit, description, **kw)


def stat(title, expr, unit="short", description="", legend=""):
    return panel("stat", title, [(expr, legend)], unit, description, w=6, h=4)


def row(title):
    return {"type": "row", "title": title, "collapsed": False, "panels": [], "_w": 24, "_h": 1}


def layout(panels):
    x = y = 0
    row_height = 0
    next_id = 1
    for p in panels:
        w, h = p.pop("_w"), p.pop("_h")
        if x + w > 24:
            x, y = 0, y + row_height
            row_height = 0
        p["gridPos"] = {"x": x, "y": y, "w": w, "h": h}
        p["id"] = next_id
        next_id += 1
        x += w
        row_height = max(row_height, h)
        if w == 24:
            x, y, row_height = 0, y + h, 0
    return panels


def dashboard(uid, title, description, panels, variables=()):
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["streaming"],
        "timezone": "utc",
        "editable": False,
        "refresh": "10s",
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": list(variables)},
        "annotations": {"list": []},
        "links": [{"type": "dashboards", "tags": ["streaming"], "asDropdown": True, "title": "Streaming"}],
        "panels": layout(panels),
    }


def query_variable(name, label, query, multi=True):
    return {
        "type": "query",
        "name": name,
        "label": label,
        "datasource": DATASOURCE,
        "definition": query,
        "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
        "refresh": 2,
        "sort": 1,
        "multi": multi,
        "includeAll": True,
        "allValue": ".+",
        "current": {},
    }


JOBS = 'job=~"streaming-.*"'

overview = dashboard(
    "streaming-overview", "Streaming / Overview",
    "Cluster health at a glance: services, publishers, viewers, traffic, errors and process resources.",
    [
        row("Cluster"),
        stat("Services up", f'sum(up{{{JOBS}}})', description="Scraped service instances that answer /metrics."),
        stat("Live publishers", "sum(streaming_ingest_publishers)", description="RTMP publish sessions on all ingest servers."),
        stat("Viewers", "sum(streaming_edge_viewers)", description="Viewers seen on edge playlists within the viewer window."),
        stat("Edge egress", f"sum(rate(streaming_edge_egress_bytes_total[{RATE}])) * 8", "bps"),
        stat("Edge 5xx ratio",
             f'(sum(rate(streaming_edge_requests_total{{status=~"5.."}}[{RATE}])) or vector(0)) / sum(rate(streaming_edge_requests_total[{RATE}]))',
             "percentunit", "Share of viewer requests answered with a server error (alert: EdgeHighErrorRate)."),
        stat("Ingest bitrate", f"sum(rate(streaming_ingest_bytes_received_total[{RATE}])) * 8", "bps"),
        stat("Archive spool used", "max(streaming_archive_spool_bytes / streaming_archive_spool_limit_bytes)", "percentunit"),
        stat("Archive store up", "min(streaming_archive_store_up)", description="1 when every archiver's last store operation succeeded."),
        ts("Instances up by job", [(f"sum by (job) (up{{{JOBS}}})", "{{job}}")]),
        ts("Publishers and connections", [
            ("sum by (instance) (streaming_ingest_publishers)", "publishers {{instance}}"),
            ("sum by (instance) (streaming_ingest_connections)", "connections {{instance}}"),
        ]),
        row("Ingest and origin link"),
        ts("Ingest bitrate", [(f"sum by (instance) (rate(streaming_ingest_bytes_received_total[{RATE}])) * 8", "{{instance}}")], "bps"),
        ts("Ingest frames", [(f"sum by (kind) (rate(streaming_ingest_frames_received_total[{RATE}]))", "{{kind}}")], "fps"),
        ts("Ingest -> origin link", [
            (f"sum by (instance) (rate(streaming_ingest_link_payload_bytes_sent_total[{RATE}])) * 8", "sent {{instance}}"),
            (f"sum by (instance) (rate(streaming_origin_link_bytes_received_total[{RATE}])) * 8", "received {{instance}}"),
        ], "bps", "Payload sent by ingest and link bytes received by origins (the difference is framing overhead)."),
        ts("Origin link connections", [("sum by (instance) (streaming_origin_link_connections)", "{{instance}}")]),
        ts("Link frames", [
            (f"sum by (instance) (rate(streaming_ingest_link_frames_sent_total[{RATE}]))", "sent {{instance}}"),
            (f"sum by (instance) (rate(streaming_origin_link_frames_received_total[{RATE}]))", "received {{instance}}"),
        ], "fps"),
        ts("Link queue and drops", [
            ("sum by (instance) (streaming_ingest_link_queued_events)", "queued {{instance}}"),
            (f"sum by (instance) (rate(streaming_ingest_link_dropped_frames_total[{RATE}]))", "dropped/s {{instance}}"),
        ], description="Events waiting toward the origins and frames dropped when a link fell behind (alert IngestLinkDroppingFrames)."),
        ts("Ingest rejects by reason", [(f"sum by (reason) (increase(streaming_ingest_rejects_total[{RATE}]))", "{{reason}}")],
           description="Refused RTMP connections or publishes (alert: IngestRejectingPublishers)."),
        row("Transcode"),
        stat("Transcoded streams", "sum(streaming_transcode_streams)", description="Streams with a running transcoder."),
        stat("Slowest transcoder", "min(streaming_transcode_speed)", "x",
             "Media seconds transcoded per second of work for the slowest stream; below 1 it cannot keep up (alert TranscoderBehindRealTime)."),
        stat("Streams shedding", "count(streaming_transcode_shed_level > 0) or vector(0)",
             description="Streams whose transcoder dropped rungs or switched to a faster preset (alert TranscoderShedding)."),
        stat("Renditions encoded", "sum(streaming_transcode_active_renditions)"),
        ts("Transcoder speed by stream", [("min by (stream) (streaming_transcode_speed)", "{{stream}}")], "x",
           "Below 1: the stream's transcoder falls behind real time."),
        ts("Frames encoded by rendition", [(f"sum by (rendition) (rate(streaming_transcode_frames_encoded_total[{RATE}]))", "{{rendition}}")], "fps"),
        ts("Encode latency", [
            (f"histogram_quantile(0.5, sum by (le) (rate(streaming_transcode_encode_latency_seconds_bucket[{RATE}])))", "p50"),
            (f"histogram_quantile(0.95, sum by (le) (rate(streaming_transcode_encode_latency_seconds_bucket[{RATE}])))", "p95"),
        ], "s", "Source frame taken from the queue to encoded packet handed to the packager."),
        ts("Shed level by stream", [("max by (stream) (streaming_transcode_shed_level)", "{{stream}}")],
           description="0 = full ladder at the configured preset."),
        row("Processes"),
        ts("CPU", [(f"rate(process_cpu_seconds_total{{{JOBS}}}[{RATE}])", "{{job}} {{instance}}")], "percentunit",
           "CPU seconds per second (1 = one full core)."),
        ts("Resident memory", [(f"process_resident_memory_bytes{{{JOBS}}}", "{{job}} {{instance}}")], "bytes",
           "Alert StreamingMemoryHigh fires above 1.5 GiB."),
        ts("Managed heap", [(f"dotnet_gc_heap_bytes{{{JOBS}}}", "{{job}} {{instance}}")], "bytes"),
        ts("GC collections", [(f"sum by (job, generation) (rate(dotnet_gc_collections_total{{{JOBS}}}[{RATE}]))", "{{job}} gen{{generation}}")], "ops"),
        ts("Threads", [
            (f"dotnet_threads{{{JOBS}}}", "os {{job}} {{instance}}"),
            (f"dotnet_threadpool_threads{{{JOBS}}}", "pool {{job}} {{instance}}"),
        ]),
        ts("Uptime", [(f"streaming_up_time_seconds{{{JOBS}}}", "{{job}} {{instance}}")], "s",
           "A drop to zero is a restart."),
    ],
)

stream = dashboard(
    "streaming-stream", "Streaming / Stream",
    "One stream (or several): transcoding and audience. Pick the stream at the top.",
    [
        row("Transcoding"),
        stat("Transcoder speed", 'min(streaming_transcode_speed{stream=~"$stream"})', "x",
             "Media seconds transcoded per second of work; below 1 it cannot keep up (alert TranscoderBehindRealTime)."),
        stat("Renditions", 'sum(streaming_transcode_active_renditions{stream=~"$stream"})'),
        stat("Shed level", 'max(streaming_transcode_shed_level{stream=~"$stream"})',
             description="0 = full ladder at the configured preset (alert TranscoderShedding)."),
        stat("Origins", 'count(streaming_transcode_active_renditions{stream=~"$stream"})',
             description="Origin members transcoding the stream (normally 1)."),
        ts("Transcoder speed", [('min by (stream, instance) (streaming_transcode_speed{stream=~"$stream"})', "{{stream}} on {{instance}}")], "x"),
        ts("Renditions and shed level", [
            ('sum by (stream) (streaming_transcode_active_renditions{stream=~"$stream"})', "renditions {{stream}}"),
            ('max by (stream) (streaming_transcode_shed_level{stream=~"$stream"})', "shed level {{stream}}"),
        ]),
        row("Audience"),
        stat("Viewers", 'sum(streaming_edge_viewers{stream=~"$stream"}) or vector(0)'),
        stat("Edges serving", 'count(streaming_edge_viewers{stream=~"$stream"} > 0) or vector(0)',
             description="Edge instances with at least one viewer of the stream."),
        stat("Peak viewers (1h)", 'max_over_time(sum(streaming_edge_viewers{stream=~"$stream"})[1h:])'),
        stat("Share of all viewers", 'sum(streaming_edge_viewers{stream=~"$stream"}) / sum(streaming_edge_viewers)', "percentunit"),
        ts("Viewers by stream", [('sum by (stream) (streaming_edge_viewers{stream=~"$stream"})', "{{stream}}")]),
        ts("Viewers by edge", [('sum by (instance) (streaming_edge_viewers{stream=~"$stream"})', "{{instance}}")], stack=True),
    ],
    variables=[query_variable("stream", "Stream", "label_values(streaming_transcode_active_renditions, stream)")],
)

edge = dashboard(
    "streaming-edge", "Streaming / Edge",
    "Edge relays: viewer requests, cache, egress and upstream fetches.",
    [
        row("Viewers"),
        stat("Requests/s", f"sum(rate(streaming_edge_requests_total[{RATE}]))", "reqps"),
        stat("Cache hit ratio",
             f'sum(rate(streaming_edge_requests_total{{cache=~"hit|coalesced"}}[{RATE}])) / sum(rate(streaming_edge_requests_total{{cache=~"hit|miss|coalesced"}}[{RATE}]))',
             "percentunit", "Requests answered without a fetch of their own (hits and coalesced waiters) among cacheable requests."),
        stat("Egress", f"sum(rate(streaming_edge_egress_bytes_total[{RATE}])) * 8", "bps"),
        stat("Viewers", "sum(streaming_edge_viewers)"),
        ts("Requests by status", [(f"sum by (status) (rate(streaming_edge_requests_total[{RATE}]))", "{{status}}")], "reqps"),
        ts("Requests by cache result", [(f"sum by (cache) (rate(streaming_edge_requests_total[{RATE}]))", "{{cache}}")], "reqps"),
        ts("Requests by kind", [(f"sum by (kind) (rate(streaming_edge_requests_total[{RATE}]))", "{{kind}}")], "reqps"),
        ts("5xx ratio by edge", [(
            f'(sum by (instance) (rate(streaming_edge_requests_total{{status=~"5.."}}[{RATE}])) or sum by (instance) (rate(streaming_edge_requests_total[{RATE}])) * 0)'
            f' / sum by (instance) (rate(streaming_edge_requests_total[{RATE}]))', "{{instance}}")], "percentunit",
           "Alert EdgeHighErrorRate fires above 5 % for 5 minutes."),
        ts("Egress by kind", [(f"sum by (kind) (rate(streaming_edge_egress_bytes_total[{RATE}])) * 8", "{{kind}}")], "bps", stack=True),
        ts("Egress by edge", [(f"sum by (instance) (rate(streaming_edge_egress_bytes_total[{RATE}])) * 8", "{{instance}}")], "bps", stack=True),
        row("Upstreams"),
        ts("Upstream up", [("streaming_edge_upstream_up", "{{instance}} -> {{upstream}}")], max_=1,
           description="1 when the probe passes and the circuit is closed (alerts: EdgeUpstreamUnreachable, EdgeAllUpstreamsUnreachable)."),
        ts("Upstream fetches by result", [(f"sum by (upstream, result) (rate(streaming_edge_upstream_fetches_total[{RATE}]))", "{{upstream}} {{result}}")], "reqps"),
        ts("Upstream fetch latency", [
            (f"histogram_quantile(0.5, sum by (le, kind) (rate(streaming_edge_upstream_fetch_seconds_bucket[{RATE}])))", "p50 {{kind}}"),
            (f"histogram_quantile(0.95, sum by (le, kind) (rate(streaming_edge_upstream_fetch_seconds_bucket[{RATE}])))", "p95 {{kind}}"),
        ], "s", "Includes the time a blocking playlist reload or a preload-hinted part is held by the origin."),
        ts("Coalesced waiters", [(f"sum by (kind) (rate(streaming_edge_coalesced_waiters_total[{RATE}]))", "{{kind}}")], "reqps",
           "Requests that waited for another request's upstream fetch instead of fetching themselves."),
        row("Cache"),
        ts("Cache bytes", [
            ("sum by (instance) (streaming_edge_cache_bytes)", "used {{instance}}"),
            ("sum by (instance) (streaming_edge_cache_budget_bytes)", "budget {{instance}}"),
        ], "bytes"),
        ts("Cache entries and evictions", [
            ("sum by (instance) (streaming_edge_cache_entries)", "entries {{instance}}"),
            (f"sum by (instance) (rate(streaming_edge_cache_evictions_total[{RATE}]))", "evictions/s {{instance}}"),
        ]),
    ],
)

archive = dashboard(
    "streaming-archive", "Streaming / Archive",
    "Recording to the object store: sessions, spool, uploads and lag.",
    [
        row("State"),
        stat("Sessions recording", "sum(streaming_archive_sessions_active)"),
        stat("Store up", "min(streaming_archive_store_up)", description="Alert ArchiveStoreDown when 0 for 2 minutes."),
        stat("Spool used", "max(streaming_archive_spool_bytes / streaming_archive_spool_limit_bytes)", "percentunit",
             "Warning at SpoolWarnFraction, shedding at SpoolShedFraction (alerts ArchiveSpoolNearlyFull, ArchiveSheddingRenditions)."),
        stat("Spool pressure", "max(streaming_archive_spool_pressure)",
             description="0 normal, 1 warning, 2 shedding lower-priority renditions, 3 full."),
        ts("Spool bytes", [
            ("sum by (instance) (streaming_archive_spool_bytes)", "queued {{instance}}"),
            ("sum by (instance) (streaming_archive_spool_limit_bytes)", "limit {{instance}}"),
        ], "bytes", "Alert ArchiveBacklogGrowing when it keeps growing for 15 minutes."),
        ts("Spool objects", [("sum by (instance) (streaming_archive_spool_objects)", "{{instance}}")]),
        row("Uploads"),
        ts("Uploads by result", [(f"sum by (result) (rate(streaming_archive_uploads_total[{RATE}]))", "{{result}}")], "ops"),
        ts("Upload duration", [
            (f"histogram_quantile(0.5, sum by (le) (rate(streaming_archive_upload_duration_seconds_bucket[{RATE}])))", "p50"),
            (f"histogram_quantile(0.95, sum by (le) (rate(streaming_archive_upload_duration_seconds_bucket[{RATE}])))", "p95"),
        ], "s"),
        ts("Archive lag (origin complete -> stored)", [
            (f"histogram_quantile(0.5, sum by (le) (rate(streaming_archive_lag_seconds_bucket[{RATE}])))", "p50"),
            (f"histogram_quantile(0.95, sum by (le) (rate(streaming_archive_lag_seconds_bucket[{RATE}])))", "p95"),
        ], "s", "Alert ArchiveLagHigh when p95 is above 60 s for 10 minutes."),
        ts("Archived throughput", [
            (f"sum by (instance) (rate(streaming_archive_bytes_total[{RATE}])) * 8", "{{instance}}"),
        ], "bps"),
        ts("Segments archived", [(f"sum by (instance) (rate(streaming_archive_segments_total[{RATE}]))", "{{instance}}")], "ops"),
    ],
)

OUT.mkdir(exist_ok=True)
for name, board in [("overview", overview), ("stream", stream), ("edge", edge), ("archive", archive)]:
    (OUT / f"{name}.json").write_text(json.dumps(board, indent=2) + "\n")
    print(f"wrote {OUT / (name + '.json')}")
