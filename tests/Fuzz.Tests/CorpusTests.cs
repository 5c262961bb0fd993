namespace Streaming.Tools.Fuzz.Tests;

/// <summary>
/// Every fuzz target over its committed seed corpus, uninstrumented: the seeds stay valid inputs (no finding) as
/// the parsers change, every target has seeds, and every corpus folder belongs to a target.
/// bench/fuzz/run.sh does the coverage-guided runs.
/// </summary>
public class CorpusTests
{
    private const int MaxSeedBytes = 64 * 1024;

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_runs_through_its_target_without_a_finding(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var files = Corpus.Files(name);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            Assert.True(input.Length <= MaxSeedBytes, $"{file}: {input.Length} bytes, seeds stay small");
            var finding = Record.Exception(() => target.Run(input));
            Assert.True(finding is null, $"{Path.GetFileName(file)}: {finding}");
        }
    }

    [Fact]
    public void Every_corpus_folder_is_a_target()
    {
        var folders = Directory.GetDirectories(Corpus.Root()).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(FuzzTargets.All.Select(t => t.Name).Order().ToArray(), folders);
    }

    [Fact]
    public void A_broken_invariant_is_reported_as_a_finding()
    {
        var http = FuzzTargets.Find("http-request")!;
        http.Run("/live/cam/index.m3u8"u8);
        Assert.Throws<FuzzInvariantException>(() => Invariant.Check(false, "example"));
        Assert.Throws<FuzzInvariantException>(() => Invariant.Defined((DayOfWeek)42));
    }
}
