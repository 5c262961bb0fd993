using Streaming.Ingest.Limits;

namespace Streaming.Ingest.Tests.Limits;

public class ProgressRuleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _time = new();

    private ProgressRule Rule(long minBytes = 1024) => new(_time, Deadline, Interval, minBytes);

    [Fact]
    public void A_trickling_client_is_cut_at_the_pre_publish_deadline_however_many_bytes_it_sends()
    {
        var rule = Rule();
        for (var second = 1; second < 10; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            rule.AddBytes(4096);
            Assert.Equal(ProgressVerdict.Ok, rule.Check());
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ProgressVerdict.DeadlineMissed, rule.Check());
    }

    [Fact]
    public void One_byte_every_nine_seconds_is_not_progress_after_publish()
    {
        var rule = Rule();
        rule.StartPublishing();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(9));
            rule.AddBytes(1);
            if (rule.Check() != ProgressVerdict.Ok) break;
        }

        Assert.Equal(ProgressVerdict.NoProgress, rule.Check());
    }

    [Fact]
    public void A_publisher_sending_enough_bytes_per_interval_stays_past_the_deadline()
    {
        var rule = Rule();
        _time.Advance(TimeSpan.FromSeconds(1));
        rule.StartPublishing();
        for (var second = 0; second < 60; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            rule.AddBytes(200);
            Assert.Equal(ProgressVerdict.Ok, rule.Check());
        }
    }

    [Fact]
    public void An_interval_below_the_minimum_is_no_progress_even_if_earlier_intervals_were_busy()
    {
        var rule = Rule();
        rule.StartPublishing();
        rule.AddBytes(1_000_000);
        _time.Advance(Interval);
        Assert.Equal(ProgressVerdict.Ok, rule.Check());

        rule.AddBytes(1023);
        _time.Advance(Interval);

        Assert.Equal(ProgressVerdict.NoProgress, rule.Check());
    }

    [Fact]
    public void Nothing_is_checked_while_paused_and_a_fresh_interval_starts_on_resume()
    {
        var rule = Rule();
        rule.AddBytes(5000);
        rule.Pause();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ProgressVerdict.Ok, rule.Check());

        rule.StartPublishing();
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(ProgressVerdict.Ok, rule.Check());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ProgressVerdict.NoProgress, rule.Check());
    }

    [Fact]
    public void Resume_without_publish_keeps_the_deadline()
    {
        var rule = Rule(minBytes: 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        rule.Pause();
        _time.Advance(TimeSpan.FromSeconds(30));
        rule.Resume();

        Assert.Equal(ProgressVerdict.DeadlineMissed, rule.Check());
    }
}
