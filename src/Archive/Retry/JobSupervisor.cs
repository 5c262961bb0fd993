namespace Streaming.Archive.Retry;

/// <summary>
/// A job boundary: runs a job until it returns or is cancelled; a job that throws is reported (log and
/// metric, by the caller's <c>failed</c>) and started again after its <see cref="RetryBackoff"/> delay, so
/// one job's fault (a full disk, a bug) never ends the process nor stays unnoticed.
/// </summary>
public static class JobSupervisor
{
    /// <param name="failed">Called with the exception and the delay before the restart.</param>
    public static async Task RunAsync(Func<CancellationToken, Task> job, RetryBackoff backoff, Action<Exception, TimeSpan> failed,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = backoff.Now;
            try
            {
                await job(cancellationToken);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failed(e, backoff.Fail(started));
            }
            try { await backoff.WaitAsync(cancellationToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
