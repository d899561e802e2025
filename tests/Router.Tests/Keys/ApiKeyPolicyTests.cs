namespace Cascade.Router.Tests;

public sealed class ApiKeyPolicyTests
{
    [Fact]
    public void Validate_ListsEveryError()
    {
        var policy = new ApiKeyPolicy { DailySpendCap = 10m, MonthlySpendCap = 5m, MaxRequestCost = 0m, RequestsPerWindow = 0, TokensPerWindow = -1 };

        IReadOnlyList<string> errors = policy.Validate();

        errors.Count.ShouldBe(4);
        errors.ShouldContain(e => e.Contains("MaxRequestCost"));
        errors.ShouldContain(e => e.Contains("RequestsPerWindow"));
        errors.ShouldContain(e => e.Contains("TokensPerWindow"));
        errors.ShouldContain(e => e.Contains("cannot exceed"));
    }

    [Theory]
    [InlineData("cascade", true)]
    [InlineData("cascade/support", true)]
    [InlineData("cascade/code", false)]
    [InlineData("haiku", true)]
    [InlineData("opus", false)]
    public void AllowsModel_MatchesNamesAndPrefixWildcards(string model, bool allowed)
    {
        var policy = new ApiKeyPolicy { AllowedModels = ["cascade", "cascade/support", "HAIKU"] };

        policy.AllowsModel(model).ShouldBe(allowed);
        new ApiKeyPolicy { AllowedModels = ["cascade/*"] }.AllowsModel("cascade/anything").ShouldBeTrue();
        new ApiKeyPolicy().AllowsModel(model).ShouldBeTrue();
    }

    [Fact]
    public void AllowsWorkload_RequiresAListedWorkloadWhenTheListIsSet()
    {
        var policy = new ApiKeyPolicy { AllowedWorkloads = ["support"] };

        policy.AllowsWorkload("support").ShouldBeTrue();
        policy.AllowsWorkload("code").ShouldBeFalse();
        policy.AllowsWorkload(null).ShouldBeFalse();
        new ApiKeyPolicy().AllowsWorkload(null).ShouldBeTrue();
    }
}
