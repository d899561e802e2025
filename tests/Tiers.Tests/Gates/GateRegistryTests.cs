using Cascade.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Gates;

public class GateRegistryTests
{
    private static readonly Tier Judge = GateContexts.TierOf("haiku", TestChatClient.Answering("{}"));

    private static IQualityGate Create(string kind, Dictionary<string, string?>? settings = null, GateRegistry? registry = null, IServiceProvider? services = null) =>
        (registry ?? GateRegistry.CreateDefault()).Create(
            new GateOptions { Kind = kind, Settings = settings ?? new() },
            name => name == "haiku" ? Judge : null,
            new DirectTierInvoker(),
            services ?? new Services());

    [Theory]
    [InlineData("cut-off", typeof(CutOffGate))]
    [InlineData("json-schema", typeof(JsonSchemaGate))]
    [InlineData("format", typeof(FormatGate))]
    [InlineData("multiple-choice", typeof(MultipleChoiceGate))]
    [InlineData("hedging", typeof(HedgingGate))]
    [InlineData("unsure", typeof(SelfDoubtGate))]
    [InlineData("logprob", typeof(LogprobConfidenceGate))]
    public void Create_BuildsEveryBuiltInKindWithDefaults(string kind, Type type)
    {
        IQualityGate gate = Create(kind);

        gate.ShouldBeOfType(type);
        gate.Name.ShouldBe(kind);
    }

    [Fact]
    public void CreateDefault_RegistersEveryBuiltInKind()
    {
        GateRegistry.CreateDefault().Kinds.Order().ShouldBe(
            ["consistency", "cut-off", "format", "hedging", "json-schema", "judge", "logprob", "multiple-choice", "unsure", "verifier"]);
    }

    [Fact]
    public async Task Create_AppliesSettings()
    {
        IQualityGate hedging = Create("hedging", new() { ["Phrases"] = "maybe | perhaps", ["threshold"] = "1" });

        (await hedging.EvaluateAsync(GateContexts.For("Perhaps."))).Decision.ShouldBe(GateDecision.Reject);
        (await hedging.EvaluateAsync(GateContexts.For("I think, I'm not sure."))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public void Create_ModelGatesResolveTheirTierByName()
    {
        Create("judge", new() { ["Tier"] = "haiku", ["AcceptAtOverall"] = "4", ["WhenMalformed"] = "abstain" }).ShouldBeOfType<JudgeGate>().Cost.ShouldBe(GateCost.ModelCall);
        Create("consistency", new() { ["Tier"] = "haiku", ["Comparison"] = "number" }).ShouldBeOfType<ConsistencyGate>();
    }

    [Theory]
    [InlineData("judge", "Tier", null, "Gate 'judge' setting 'Tier': is required.")]
    [InlineData("judge", "Tier", "opus", "Gate 'judge' setting 'Tier': no tier is named 'opus'.")]
    [InlineData("hedging", "Threshold", "two", "Gate 'hedging' setting 'Threshold': 'two' is not a whole number.")]
    [InlineData("verifier", "WhenUnavailable", "explode", "Gate 'verifier' setting 'WhenUnavailable': 'explode' is not one of Reject, Abstain, Accept.")]
    [InlineData("verifier", "Timeout", "soon", "Gate 'verifier' setting 'Timeout': 'soon' is not a duration (use seconds, or hh:mm:ss).")]
    [InlineData("cut-off", "RejectContentFilter", "yes", "Gate 'cut-off' setting 'RejectContentFilter': 'yes' is not true or false.")]
    public void Create_InvalidSettingNamesTheSettingToFix(string kind, string setting, string? value, string message)
    {
        var services = new Services { [typeof(IVerifierClient)] = new NoVerifier() };

        var ex = Should.Throw<GateConfigurationException>(() => Create(kind, new() { [setting] = value }, services: services));

        ex.Message.ShouldBe(message);
        ex.Setting.ShouldBe(setting);
        ex.Kind.ShouldBe(kind);
    }

    [Fact]
    public void Create_OutOfRangeValueNamesTheSetting()
    {
        var ex = Should.Throw<GateConfigurationException>(() => Create("hedging", new() { ["Threshold"] = "0" }));

        ex.Setting.ShouldBe("Threshold");
        ex.Message.ShouldStartWith("Gate 'hedging' setting 'Threshold': The threshold must be at least 1.");
    }

    [Fact]
    public void Create_MisspeltSettingIsReportedWithTheKnownOnes()
    {
        var ex = Should.Throw<GateConfigurationException>(() => Create("hedging", new() { ["Treshold"] = "3" }));

        ex.Message.ShouldBe("Gate 'hedging' has no setting 'Treshold' (known settings: Phrases, Threshold).");
    }

    [Fact]
    public void Create_UnknownKindListsTheKnownKinds()
    {
        var ex = Should.Throw<GateConfigurationException>(() => Create("vibes"));

        ex.Message.ShouldStartWith("Unknown gate kind 'vibes'; known kinds: consistency, cut-off,");
        ex.Setting.ShouldBe("Kind");
    }

    [Fact]
    public void Create_VerifierNeedsAClientService()
    {
        Should.Throw<GateConfigurationException>(() => Create("verifier")).Message.ShouldContain("IVerifierClient");
        Create("verifier", new() { ["Timeout"] = "2" }, services: new Services { [typeof(IVerifierClient)] = new NoVerifier() }).ShouldBeOfType<RemoteVerifierGate>();
    }

    [Fact]
    public void Create_LogprobCalibrationFileMustExist()
    {
        var ex = Should.Throw<GateConfigurationException>(() => Create("logprob", new() { ["CalibrationFile"] = "/nonexistent/calibration.json" }));

        ex.Setting.ShouldBe("CalibrationFile");
        ex.Message.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Register_AddsAThirdPartyKind()
    {
        GateRegistry registry = GateRegistry.CreateDefault().Register("min-length", context => new MinLengthGate(context.Settings.GetInt32("Characters", 10)));

        IQualityGate gate = Create("MIN-LENGTH", new() { ["Characters"] = "5" }, registry);

        (await gate.EvaluateAsync(GateContexts.For("Hi"))).Decision.ShouldBe(GateDecision.Reject);
        (await gate.EvaluateAsync(GateContexts.For("Hello there"))).Decision.ShouldBe(GateDecision.Abstain);
    }

    [Fact]
    public async Task AddGateKind_RegistersAKindWithDependencyInjection()
    {
        IServiceCollection services = new ServiceCollection()
            .AddGateKind("min-length", context => new MinLengthGate(context.Settings.GetInt32("Characters", 10)))
            .AddGateRegistry();
        using ServiceProvider provider = services.BuildServiceProvider();

        GateRegistry registry = provider.GetRequiredService<GateRegistry>();
        IQualityGate gate = Create("min-length", new() { ["Characters"] = "3" }, registry);

        registry.Contains("hedging").ShouldBeTrue();
        (await gate.EvaluateAsync(GateContexts.For("Hi"))).Decision.ShouldBe(GateDecision.Reject);
    }

    [Fact]
    public void AddGateKind_WorksAfterTheRegistryWasAdded()
    {
        IServiceCollection services = new ServiceCollection().AddGateRegistry().AddGateKind("late", _ => new CutOffGate());
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<GateRegistry>().Contains("late").ShouldBeTrue();
    }

    [Fact]
    public void CreateAll_KeepsConfigurationOrder()
    {
        IReadOnlyList<IQualityGate> gates = GateRegistry.CreateDefault().CreateAll(
            [new GateOptions { Kind = "hedging" }, new GateOptions { Kind = "cut-off" }], _ => null, new DirectTierInvoker(), new Services());

        gates.Select(g => g.Name).ShouldBe(["hedging", "cut-off"]);
    }

    private sealed class MinLengthGate(int characters) : IQualityGate
    {
        public string Name => "min-length";

        public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(context.Text.Length < characters ? GateVerdict.Reject(Name, "too short") : GateVerdict.Abstain(Name));
    }

    private sealed class NoVerifier : IVerifierClient
    {
        public Task<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    private sealed class Services : Dictionary<Type, object>, IServiceProvider
    {
        public object? GetService(Type serviceType) => TryGetValue(serviceType, out object? service) ? service : null;
    }
}
