namespace Cascade;

/// <summary>Options of the <see cref="MultipleChoiceGate"/>.</summary>
public sealed class MultipleChoiceGateOptions
{
    /// <summary>Gets or sets the choices used when the request's <see cref="GateExpectations.Choices"/> is unset.</summary>
    /// <value>The default value is <see langword="null"/>: the gate abstains on requests that name no choices.</value>
    public IReadOnlyList<string>? Choices { get; set; }

    /// <summary>Gets or sets whether an answer with exactly one clear choice is accepted rather than left to later gates.</summary>
    /// <value>The default value is <see langword="false"/>: a clear choice is well formed, not necessarily right.</value>
    public bool AcceptWhenClear { get; set; }

    /// <summary>Reads the options from gate settings (<c>Choices</c> as <c>A|B|C|D</c>, <c>AcceptWhenClear</c>).</summary>
    public static MultipleChoiceGateOptions FromSettings(GateSettings settings) => new()
    {
        Choices = settings.GetList(nameof(Choices)),
        AcceptWhenClear = settings.GetBoolean(nameof(AcceptWhenClear), false),
    };
}
