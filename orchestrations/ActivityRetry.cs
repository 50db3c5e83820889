using Microsoft.DurableTask;

namespace Credit.Orchestrations;

/// <summary>How orchestrations call activities: storage hiccups are retried, and every activity is safe to repeat.</summary>
public static class ActivityRetry
{
    public static readonly TaskOptions Storage = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}
