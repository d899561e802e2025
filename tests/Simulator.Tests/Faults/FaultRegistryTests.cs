using Cascade.Simulator.Configuration;
using Cascade.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace Cascade.Simulator.Tests.Faults;

public sealed class FaultRegistryTests
{
    [Fact]
    public void Next_AppliesConfiguredFaults_AtTheirRate()
    {
        var options = new SimulatorOptions();
        options.Models["a"] = new SimulatedModelOptions { Fault = "529;rate=0.5" };
        options.Models["b"] = new SimulatedModelOptions();
        var registry = new FaultRegistry(Options.Create(options));

        bool[] hits = [.. Enumerable.Range(0, 6).Select(_ => registry.Next("a") is not null)];

        hits.ShouldBe([false, true, false, true, false, true]);
        registry.Next("b").ShouldBeNull();
    }

    [Fact]
    public void SetAndClear_ReplaceTheStandingFault()
    {
        var registry = new FaultRegistry(Options.Create(new SimulatorOptions()));
        FaultSpec.TryParse("500", out FaultSpec? spec, out _).ShouldBeTrue();

        registry.Set("m", spec!);
        registry.Next("m").ShouldBe(spec);
        registry.Clear("m").ShouldBeTrue();
        registry.Next("m").ShouldBeNull();
        registry.Clear("m").ShouldBeFalse();
    }
}
