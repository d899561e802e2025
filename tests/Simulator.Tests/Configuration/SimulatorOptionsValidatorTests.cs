using Cascade.Simulator.Configuration;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Tests.Configuration;

public sealed class SimulatorOptionsValidatorTests
{
    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var options = new SimulatorOptions { LatencyScale = -1, LedgerCapacity = 0 };
        options.ApiKeys.Add(" ");
        options.Models["bad"] = new SimulatedModelOptions { Capability = 2, ContextWindow = 0, MaxOutputTokens = 0, TimeToFirstTokenMs = -5, TokensPerSecond = 0, Fault = "explode" };

        ValidateOptionsResult result = new SimulatorOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        string[] failures = [.. result.Failures!];
        failures.Length.ShouldBe(9);
        failures.ShouldContain(f => f.StartsWith("Simulator:Models:bad:Capability", StringComparison.Ordinal));
        failures.ShouldContain(f => f.Contains("unknown fault mode 'explode'", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Simulator:LatencyScale", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ChecksThePriceFile()
    {
        var options = new SimulatorOptions { PriceFile = "/no/such/prices.json" };
        options.Models["m"] = new SimulatedModelOptions();

        new SimulatorOptionsValidator().Validate(null, options).Failures.ShouldHaveSingleItem().ShouldStartWith("Simulator:PriceFile: Price file '/no/such/prices.json' was not found");
    }

    [Fact]
    public void Validate_RequiresAModel()
    {
        new SimulatorOptionsValidator().Validate(null, new SimulatorOptions()).Failures.ShouldHaveSingleItem().ShouldContain("at least one model");
    }

    [Fact]
    public void Validate_AcceptsTheShippedConfiguration()
    {
        var options = new SimulatorOptions();
        options.Models["m"] = new SimulatedModelOptions();

        new SimulatorOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Start_FailsOnInvalidConfiguration_WithTheReason()
    {
        var ex = Should.Throw<OptionsValidationException>(() => new Infrastructure.SimulatorServer(settings: new Dictionary<string, string?> { ["Simulator:Models:gpt-4o:TokensPerSecond"] = "0" }));

        ex.Message.ShouldContain("Simulator:Models:gpt-4o:TokensPerSecond must be above 0");
    }
}
