namespace Cascade;

/// <summary>
/// Extracts the option a multiple-choice answer picks; rejects an answer that picks none, or several. The choices
/// come from the request's <see cref="GateExpectations.Choices"/>, else <see cref="MultipleChoiceGateOptions.Choices"/>.
/// </summary>
/// <remarks>The verdict's reason carries the extracted choice (<c>choice: B</c>).</remarks>
public sealed class MultipleChoiceGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>multiple-choice</c>.</summary>
    public const string Kind = "multiple-choice";

    private readonly MultipleChoiceGateOptions _options;

    /// <summary>Initializes the gate.</summary>
    public MultipleChoiceGate(MultipleChoiceGateOptions? options = null) => _options = options ?? new MultipleChoiceGateOptions();

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<string>? choices = context.Expectations?.Choices is { Count: > 0 } expected ? expected : _options.Choices;
        if (choices is not { Count: > 0 })
        {
            return ValueTask.FromResult(GateVerdict.Abstain(Name, "no choices"));
        }

        IReadOnlyList<string> picked = AnswerExtraction.ExtractChoices(context.Text, choices);
        return ValueTask.FromResult(picked.Count switch
        {
            0 => GateVerdict.Reject(Name, $"no choice of {string.Join("/", choices)} found", 0),
            1 when _options.AcceptWhenClear => GateVerdict.Accept(Name, $"choice: {picked[0]}", 1),
            1 => GateVerdict.Abstain(Name, $"choice: {picked[0]}", 1),
            _ => GateVerdict.Reject(Name, $"several choices: {string.Join(", ", picked)}", 0),
        });
    }
}
