using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Resilience;

public class SharedCircuitBreakerTests
{
    private const string Key = "haiku/primary";
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryCascadeStateStore _store = new();

    [Fact]
    public async Task OpensAfterTheConfiguredConsecutiveFailures()
    {
        SharedCircuitBreaker breaker = NewBreaker();
        for (int i = 0; i < 4; i++)
        {
            (await breaker.RecordFailureAsync(Key)).ShouldBe(CircuitState.Closed);
        }

        (await breaker.RecordFailureAsync(Key)).ShouldBe(CircuitState.Open);
        CircuitPermission permission = await breaker.TryAcquireAsync(Key);
        permission.Allowed.ShouldBeFalse();
        permission.RetryAfter.ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ASuccessResetsTheFailureCount()
    {
        SharedCircuitBreaker breaker = NewBreaker();
        for (int i = 0; i < 4; i++)
        {
            await breaker.RecordFailureAsync(Key);
        }

        await breaker.RecordSuccessAsync(Key);
        (await breaker.RecordFailureAsync(Key)).ShouldBe(CircuitState.Closed);
        (await breaker.GetAsync(Key)).ConsecutiveFailures.ShouldBe(1);
    }

    [Fact]
    public async Task HalfOpensAfterTheBreak_LettingOneProbeThroughAtATime()
    {
        SharedCircuitBreaker breaker = await OpenedBreakerAsync();
        _time.Advance(TimeSpan.FromSeconds(59));
        (await breaker.TryAcquireAsync(Key)).Allowed.ShouldBeFalse();

        _time.Advance(TimeSpan.FromSeconds(1));
        CircuitPermission probe = await breaker.TryAcquireAsync(Key);

        probe.Allowed.ShouldBeTrue();
        probe.IsProbe.ShouldBeTrue();
        (await breaker.GetAsync(Key)).State.ShouldBe(CircuitState.HalfOpen);
        (await breaker.TryAcquireAsync(Key)).Allowed.ShouldBeFalse();
        breaker.Release(Key, probe);
        (await breaker.TryAcquireAsync(Key)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task ClosesAfterTheConfiguredSuccessfulProbes()
    {
        SharedCircuitBreaker breaker = await OpenedBreakerAsync();
        _time.Advance(TimeSpan.FromSeconds(60));
        for (int i = 0; i < 2; i++)
        {
            CircuitPermission probe = await breaker.TryAcquireAsync(Key);
            probe.IsProbe.ShouldBeTrue();
            (await breaker.RecordSuccessAsync(Key)).ShouldBe(CircuitState.HalfOpen);
            breaker.Release(Key, probe);
        }

        await breaker.TryAcquireAsync(Key);
        (await breaker.RecordSuccessAsync(Key)).ShouldBe(CircuitState.Closed);
        (await breaker.GetAsync(Key)).ShouldBe(CircuitSnapshot.Closed(_time.GetUtcNow()));
    }

    [Fact]
    public async Task AFailedProbeOpensTheCircuitForAnotherBreak()
    {
        SharedCircuitBreaker breaker = await OpenedBreakerAsync();
        _time.Advance(TimeSpan.FromSeconds(60));
        await breaker.TryAcquireAsync(Key);

        (await breaker.RecordFailureAsync(Key)).ShouldBe(CircuitState.Open);

        (await breaker.GetAsync(Key)).OpenedAt.ShouldBe(_time.GetUtcNow());
        (await breaker.TryAcquireAsync(Key)).Allowed.ShouldBeFalse();
    }

    [Fact]
    public async Task ReplicasSharingAStoreSeeOneCircuit()
    {
        SharedCircuitBreaker replicaA = NewBreaker();
        SharedCircuitBreaker replicaB = NewBreaker();
        for (int i = 0; i < 3; i++)
        {
            await replicaA.RecordFailureAsync(Key);
        }

        await replicaB.RecordFailureAsync(Key);
        (await replicaA.RecordFailureAsync(Key)).ShouldBe(CircuitState.Open);

        (await replicaB.TryAcquireAsync(Key)).Allowed.ShouldBeFalse();
        (await _store.GetCircuitAsync(Key)).ShouldNotBeNull().State.ShouldBe(CircuitState.Open);
    }

    [Fact]
    public async Task StateChanged_ReportsEachTransition()
    {
        SharedCircuitBreaker breaker = NewBreaker(new CircuitBreakerOptions { FailureThreshold = 1, SuccessThreshold = 1 });
        var transitions = new List<(CircuitState, CircuitState)>();
        breaker.StateChanged += (_, from, to) => transitions.Add((from, to));

        await breaker.RecordFailureAsync(Key);
        _time.Advance(TimeSpan.FromSeconds(60));
        await breaker.TryAcquireAsync(Key);
        await breaker.RecordSuccessAsync(Key);

        transitions.ShouldBe([(CircuitState.Closed, CircuitState.Open), (CircuitState.Open, CircuitState.HalfOpen), (CircuitState.HalfOpen, CircuitState.Closed)]);
    }

    [Fact]
    public async Task AFailingStore_LetsCallsThroughAndReportsIt()
    {
        var breaker = new SharedCircuitBreaker(new FailingStore(), new CircuitBreakerOptions(), _time);
        var failures = new List<string>();
        breaker.StoreFailed += (key, ex) => failures.Add($"{key}: {ex.Message}");

        (await breaker.TryAcquireAsync(Key)).Allowed.ShouldBeTrue();
        await breaker.RecordFailureAsync(Key);
        await breaker.RecordSuccessAsync(Key);

        failures.ShouldBe([$"{Key}: redis is down", $"{Key}: redis is down", $"{Key}: redis is down"]);
    }

    [Fact]
    public void InvalidOptions_AreRejected() =>
        Should.Throw<ArgumentException>(() => NewBreaker(new CircuitBreakerOptions { SuccessThreshold = 0 })).Message.ShouldContain("SuccessThreshold");

    private SharedCircuitBreaker NewBreaker(CircuitBreakerOptions? options = null) => new(_store, options ?? new CircuitBreakerOptions(), _time);

    private async Task<SharedCircuitBreaker> OpenedBreakerAsync()
    {
        SharedCircuitBreaker breaker = NewBreaker();
        for (int i = 0; i < 5; i++)
        {
            await breaker.RecordFailureAsync(Key);
        }

        return breaker;
    }

    private sealed class FailingStore : ICascadeStateStore
    {
        public ValueTask<CircuitSnapshot?> GetCircuitAsync(string circuitKey, CancellationToken cancellationToken = default) => throw new InvalidOperationException("redis is down");

        public ValueTask SetCircuitAsync(string circuitKey, CircuitSnapshot snapshot, CancellationToken cancellationToken = default) => throw new InvalidOperationException("redis is down");

        public ValueTask AppendWorkloadOutcomeAsync(string workload, WorkloadOutcome outcome, int windowSize, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<WorkloadOutcome>> GetWorkloadOutcomesAsync(string workload, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<string>> GetWorkloadsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask AppendAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string requestId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<AttemptRecord>> GetRecentAttemptsAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
