using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Cascade;

/// <summary>
/// Accepts an answer the model gave a high log-probability, rejects one below the threshold, abstains when the answer carries
/// no logprobs. The threshold comes from the workload, else the calibration (per workload and model), else the default.
/// </summary>
/// <remarks>
/// <para>See <see cref="LogprobConfidence"/> for where the log-probability is read from. The verdict's score is its probability, e^logprob.</para>
/// <para>Providers return logprobs only when asked: with <see cref="LogprobConfidenceGateOptions.RequestLogprobs"/> on, the gate
/// asks every deployment of its tier whose client is OpenAI's (<see cref="ChatClient"/>), through
/// <see cref="ChatOptions.RawRepresentationFactory"/>; other providers are sent the request unchanged and their answers abstain.</para>
/// </remarks>
public sealed class LogprobConfidenceGate : IRequestShapingGate
{
    /// <summary>The gate's kind and name: <c>logprob</c>.</summary>
    public const string Kind = "logprob";

    private readonly LogprobConfidenceGateOptions _options;

    /// <summary>Initializes the gate.</summary>
    public LogprobConfidenceGate(LogprobConfidenceGateOptions? options = null) => _options = options ?? new LogprobConfidenceGateOptions();

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public ChatOptions? ShapeRequest(ChatOptions? options)
    {
        if (!_options.RequestLogprobs)
        {
            return options;
        }

        ChatOptions shaped = options?.Clone() ?? new ChatOptions();
        Func<IChatClient, object?>? inner = shaped.RawRepresentationFactory;
        shaped.RawRepresentationFactory = client =>
        {
            object? raw = inner?.Invoke(client);
            if (client.GetService(typeof(ChatClient)) is null)
            {
                return raw;
            }

            // The caller's own OpenAI options are kept and only gain the logprobs flag; anything else they built is theirs to keep.
            if (raw is null or ChatCompletionOptions)
            {
                var completion = raw as ChatCompletionOptions ?? new ChatCompletionOptions();
                completion.IncludeLogProbabilities = true;
                return completion;
            }

            return raw;
        };
        return shaped;
    }

    /// <inheritdoc/>
    public ChatResponse ShapeResponse(ChatResponse response) => response;

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LogprobConfidence.TryGet(context.Response, _options.Aggregation, out double logprob))
        {
            return ValueTask.FromResult(GateVerdict.Abstain(Name, "no logprobs"));
        }

        double threshold = _options.ThresholdFor(context.Workload, context.Model ?? context.Response.ModelId);
        double probability = Math.Exp(Math.Min(0, logprob));
        string detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"logprob {logprob:G4} vs threshold {threshold:G4}");
        return ValueTask.FromResult(logprob >= threshold
            ? GateVerdict.Accept(Name, detail, probability)
            : GateVerdict.Reject(Name, detail, probability));
    }
}
