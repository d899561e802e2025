namespace Cascade.Router.Tests;

public sealed class RequestAdmissionTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestRouter.Clock();

    [Fact]
    public async Task Admit_ReservesTheKeysCeiling_AndHandsItToTheCascadeAsMaxCost()
    {
        RequestAdmission admission = Create(out InMemorySpendStore spend);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { MaxRequestCost = 0.25m, DailySpendCap = 1m });

        var (admitted, error) = await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade", EstimatedTokens = 100 });

        error.ShouldBeNull();
        admitted!.Ceiling.ShouldBe(0.25m);
        admitted.Limits.MaxCost.ShouldBe(0.25m);
        (await spend.GetAsync(key.Id)).DailyCommitted.ShouldBe(0.25m);

        await admission.SettleAsync(admitted, 0.01m);
        (await spend.GetAsync(key.Id)).DailyCommitted.ShouldBe(0.01m);
    }

    [Fact]
    public async Task Admit_UsesTheLowerOfTheKeysAndTheCallersCeiling_AndTheRoutersDefault()
    {
        RequestAdmission admission = Create(out _, o => o.DefaultRequestCeiling = 0.50m);

        admission.CeilingOf(TestRouter.Key()).ShouldBe(0.50m);
        admission.CeilingOf(TestRouter.Key(new ApiKeyPolicy { MaxRequestCost = 0.20m }), requested: 0.05m).ShouldBe(0.05m);
        admission.CeilingOf(TestRouter.Key(new ApiKeyPolicy { MaxRequestCost = 0.20m }), requested: 3m).ShouldBe(0.20m);
    }

    [Fact]
    public async Task Admit_RefusesOverBudgetNamingTheCap_WithoutRetry()
    {
        RequestAdmission admission = Create(out _);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { MaxRequestCost = 0.40m, DailySpendCap = 1m, MonthlySpendCap = 20m });
        await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade" });
        await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade" });

        var (admitted, error) = await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade" });

        admitted.ShouldBeNull();
        error!.StatusCode.ShouldBe(402);
        error.Code.ShouldBe("daily_spend_cap_exceeded");
        error.Cap.ShouldBe(SpendCap.Daily);
        error.ShouldRetry.ShouldBeFalse();
        error.Message.ShouldContain("daily spend cap of $1.00");
        error.Message.ShouldContain("$0.80");
    }

    [Fact]
    public async Task Admit_RefusesModelsAndWorkloadsTheKeyMayNotUse_BeforeCountingAnything()
    {
        RequestAdmission admission = Create(out InMemorySpendStore spend);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { AllowedModels = ["cascade/*"], AllowedWorkloads = ["support"], RequestsPerWindow = 1 });

        var (_, model) = await admission.AdmitAsync(key, new AdmissionRequest { Model = "opus" });
        var (_, workload) = await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade/code", Workload = "code" });
        var (admitted, _) = await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade/support", Workload = "support" });

        model!.StatusCode.ShouldBe(403);
        model.Code.ShouldBe("model_not_allowed");
        workload!.Code.ShouldBe("workload_not_allowed");
        admitted.ShouldNotBeNull("refused requests used neither the rate limit nor the budget");
    }

    [Fact]
    public async Task Admit_RateLimitedRequests_Get429WithRetryAfter_AndReserveNothing()
    {
        RequestAdmission admission = Create(out InMemorySpendStore spend);
        ApiKeyRecord key = TestRouter.Key(new ApiKeyPolicy { RequestsPerWindow = 1 });
        await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade" });
        decimal committed = (await spend.GetAsync(key.Id)).DailyCommitted;

        var (_, error) = await admission.AdmitAsync(key, new AdmissionRequest { Model = "cascade" });

        error!.StatusCode.ShouldBe(429);
        error.ShouldRetry.ShouldBeTrue();
        error.RetryAfter.ShouldBe(TimeSpan.FromMinutes(1));
        (await spend.GetAsync(key.Id)).DailyCommitted.ShouldBe(committed);
    }

    private RequestAdmission Create(out InMemorySpendStore spend, Action<RouterOptions>? configure = null)
    {
        var options = TestRouter.Options(configure);
        spend = new InMemorySpendStore(options, _clock);
        return new RequestAdmission(new KeyRateLimiter(options, _clock), spend, options);
    }
}
