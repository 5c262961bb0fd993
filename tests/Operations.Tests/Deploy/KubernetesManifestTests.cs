using Streaming.Operations.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

public sealed class KubernetesManifestTests
{
    private static readonly HashSet<string> ClusterScoped = ["Namespace"];

    [Fact]
    public void Every_manifest_parses_and_names_its_api_kind_and_namespace()
    {
        var objects = Manifests.Load();

        Assert.NotEmpty(objects);
        Assert.All(objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.ApiVersion), $"{o} has no apiVersion");
            Assert.False(string.IsNullOrEmpty(o.Kind), $"{o} has no kind");
            Assert.False(string.IsNullOrEmpty(o.Name), $"{o} has no metadata.name");
            if (!ClusterScoped.Contains(o.Kind)) Assert.Equal("streaming", o.Namespace);
        });
        Assert.Contains(objects, o => o.Kind == "Namespace" && o.Name == "streaming");
    }

    [Fact]
    public void The_cluster_has_the_workloads_services_and_autoscaler_it_needs()
    {
        var objects = Manifests.Load();
        bool Has(string kind, string name) => objects.Any(o => o.Kind == kind && o.Name == name);

        Assert.True(Has("StatefulSet", "origin"), "origin StatefulSet");
        Assert.True(Has("Deployment", "ingest") && Has("Deployment", "edge") && Has("Deployment", "archive"), "ingest, edge, archive Deployments");
        Assert.True(Has("ConfigMap", "streaming-config"), "ConfigMap streaming-config");
        Assert.True(Has("HorizontalPodAutoscaler", "edge"), "edge HorizontalPodAutoscaler");
        var rtmp = objects.Single(o => o.Kind == "Service" && o.Name == "ingest-rtmp");
        Assert.Equal("LoadBalancer", rtmp.Scalar("spec", "type"));
        Assert.Contains(rtmp.Sequence("spec", "ports"), p => Manifest.Scalar(p, "port") == "1935");
    }

    [Fact]
    public void Every_container_has_probes_on_healthz_and_resource_requests_and_limits()
    {
        foreach (var workload in Manifests.Load().Where(o => o.Kind is "Deployment" or "StatefulSet"))
        {
            var containers = workload.Sequence("spec", "template", "spec", "containers");
            Assert.NotEmpty(containers);
            foreach (var container in containers)
            {
                var where = $"{workload} container {Manifest.Scalar(container, "name")}";
                Assert.False(string.IsNullOrEmpty(Manifest.Scalar(container, "image")), $"{where}: no image");
                Assert.Equal("/healthz", Manifest.Scalar(container, "readinessProbe", "httpGet", "path"));
                Assert.Equal("/healthz", Manifest.Scalar(container, "livenessProbe", "httpGet", "path"));
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.False(string.IsNullOrEmpty(Manifest.Scalar(container, "resources", "requests", resource)), $"{where}: no {resource} request");
                }

                Assert.False(string.IsNullOrEmpty(Manifest.Scalar(container, "resources", "limits", "memory")), $"{where}: no memory limit");
            }
        }
    }

    [Fact]
    public void Selectors_match_the_pod_labels_and_references_point_at_existing_objects()
    {
        var objects = Manifests.Load();
        var workloads = objects.Where(o => o.Kind is "Deployment" or "StatefulSet").ToList();
        foreach (var workload in workloads)
        {
            var selector = workload.Mapping("spec", "selector", "matchLabels");
            var labels = workload.Mapping("spec", "template", "metadata", "labels");
            Assert.All(selector, kv => Assert.Equal(kv.Value, labels.GetValueOrDefault(kv.Key)));
        }

        foreach (var service in objects.Where(o => o.Kind == "Service"))
        {
            var selector = service.Mapping("spec", "selector");
            Assert.True(workloads.Any(w => selector.All(kv => w.Mapping("spec", "template", "metadata", "labels").GetValueOrDefault(kv.Key) == kv.Value)),
                $"{service} selects no pods");
        }

        var hpa = objects.Single(o => o.Kind == "HorizontalPodAutoscaler");
        Assert.Contains(workloads, w => w.Kind == hpa.Scalar("spec", "scaleTargetRef", "kind") && w.Name == hpa.Scalar("spec", "scaleTargetRef", "name"));
        foreach (var workload in workloads)
        {
            foreach (var container in workload.Sequence("spec", "template", "spec", "containers"))
            {
                var configMap = Manifest.Scalar((YamlMappingNode)((YamlSequenceNode)container["envFrom"]).Children[0], "configMapRef", "name");
                Assert.Contains(objects, o => o.Kind == "ConfigMap" && o.Name == configMap);
            }
        }
    }

    [Fact]
    public void Origin_member_list_names_every_statefulset_pod_through_the_headless_service()
    {
        var objects = Manifests.Load();
        var origin = objects.Single(o => o.Kind == "StatefulSet" && o.Name == "origin");
        var serviceName = origin.Scalar("spec", "serviceName");
        var headless = objects.Single(o => o.Kind == "Service" && o.Name == serviceName);
        Assert.Equal("None", headless.Scalar("spec", "clusterIP"));

        var replicas = int.Parse(origin.Scalar("spec", "replicas")!);
        var config = objects.Single(o => o.Kind == "ConfigMap" && o.Name == "streaming-config").Mapping("data");
        for (var i = 0; i < replicas; i++)
        {
            var host = $"origin-{i}.{serviceName}.streaming.svc.cluster.local";
            Assert.Equal($"origin-{i}", config.GetValueOrDefault($"STREAMING__CLUSTER__ORIGINS__{i}__NAME"));
            Assert.Equal($"{host}:8084", config.GetValueOrDefault($"STREAMING__CLUSTER__ORIGINS__{i}__LINK"));
            Assert.Equal($"http://{host}:8081", config.GetValueOrDefault($"STREAMING__CLUSTER__ORIGINS__{i}__HTTP"));
        }

        Assert.False(config.ContainsKey($"STREAMING__CLUSTER__ORIGINS__{replicas}__NAME"), "the member list names more origins than the StatefulSet runs");
    }

    [Fact]
    public void Kustomization_lists_every_manifest()
    {
        var folder = RepoPaths.Deploy("k8s");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(folder, "kustomization.yaml"))) yaml.Load(reader);
        var resources = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["resources"]).Children
            .Select(n => ((YamlScalarNode)n).Value!).Order().ToList();

        var files = Directory.GetFiles(folder, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => f != "kustomization.yaml").Order().ToList();

        Assert.Equal(files, resources);
    }
}
