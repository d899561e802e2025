namespace Cascade.Hosting.Chaos;

/// <summary>A fault the dashboard can set on one simulated model, in the simulator's <c>x-sim-fault</c> syntax.</summary>
/// <param name="Name">The command's name (kebab-case, unique on the resource).</param>
/// <param name="DisplayName">The label in the dashboard.</param>
/// <param name="Model">The simulated model the fault is set on.</param>
/// <param name="Fault">The fault, for example <c>529</c> or <c>429;retry-after=2</c>.</param>
/// <param name="Description">What the cascade is expected to do about it.</param>
/// <param name="IconName">The Fluent UI icon's name.</param>
public sealed record ChaosCommand(string Name, string DisplayName, string Model, string Fault, string Description, string IconName)
{
    /// <summary>The cheap tier's model, where every cascaded request starts.</summary>
    public const string HaikuModel = "claude-haiku-4-5-20251001";

    /// <summary>The commands the simulator offers, cheapest tier first.</summary>
    public static IReadOnlyList<ChaosCommand> Defaults { get; } =
    [
        new("fail-haiku", "Fail haiku (529 overloaded)", HaikuModel, "529",
            "Every haiku call answers 529 overloaded (not billed): the cause table falls back, and the attempt log shows the failed attempt beside the one that answered.", "ErrorCircle"),
        new("fail-haiku-500", "Fail haiku (500)", HaikuModel, "500",
            "Every haiku call answers 500 (not billed).", "ErrorCircle"),
        new("rate-limit-haiku", "429 storm on haiku", HaikuModel, "429;retry-after=2",
            "Every haiku call answers 429 with Retry-After: 2 (not billed): one retry where the wait fits, then a fallback.", "TopSpeed"),
        new("hang-haiku", "Hang haiku after accepting", HaikuModel, "hang",
            "Haiku accepts each call (input billed) and never answers: the attempt timeout ends it and the fallback is paid on top.", "HourglassHalf"),
        new("cut-haiku-streams", "Cut haiku streams", HaikuModel, "cut",
            "Haiku's answers stop half-way and the connection drops (output billed up to the cut).", "ScissorsHint"),
    ];
}
