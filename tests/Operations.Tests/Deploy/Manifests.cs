using Streaming.Operations.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

/// <summary>Loads every object of deploy/k8s/*.yaml (multi-document files) except the kustomization.</summary>
public static class Manifests
{
    public static IReadOnlyList<Manifest> Load()
    {
        var objects = new List<Manifest>();
        foreach (var file in Directory.GetFiles(RepoPaths.Deploy("k8s"), "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "kustomization.yaml") continue;
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file)) yaml.Load(reader);
            foreach (var document in yaml.Documents)
            {
                Assert.True(document.RootNode is YamlMappingNode, $"{file}: a document is not a mapping");
                objects.Add(new Manifest(Path.GetFileName(file), (YamlMappingNode)document.RootNode));
            }
        }

        return objects;
    }
}
