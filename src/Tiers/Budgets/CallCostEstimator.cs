using System.Text;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Bounds a call's worst-case cost cheaply, and counts exactly only when it matters.
/// </summary>
/// <remarks>
/// The cheap bound uses the UTF-8 size of the request: a BPE token is at least one byte, so bytes plus the
/// per-message overheads can never be fewer than the tokens, whatever the provider's tokenizer. Only when that
/// bound, priced, comes within <see cref="ExactCountThreshold"/> of the remaining budget is the input counted
/// with the tokenizer, which costs a tokenization of the whole prompt.
/// </remarks>
public sealed class CallCostEstimator
{
    private readonly TokenCounter _counter;

    /// <summary>Initializes an estimator.</summary>
    /// <param name="counter">The tokenizer used for exact counts; <see cref="TokenCounter.Default"/> when <see langword="null"/>.</param>
    public CallCostEstimator(TokenCounter? counter = null) => _counter = counter ?? TokenCounter.Default;

    /// <summary>Gets or sets the share of the remaining budget above which the exact count is taken.</summary>
    /// <value>The default value is 0.5.</value>
    public double ExactCountThreshold
    {
        get;
        set => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold must be in (0, 1].");
    } = 0.5;

    /// <summary>Estimates the worst case of sending <paramref name="messages"/> to <paramref name="deployment"/>.</summary>
    /// <param name="messages">The messages to send.</param>
    /// <param name="options">The chat options (its <see cref="ChatOptions.MaxOutputTokens"/> bounds the output).</param>
    /// <param name="deployment">The deployment to be called.</param>
    /// <param name="remainingCost">The USD left under the cost ceiling, or <see langword="null"/> for none.</param>
    /// <param name="remainingTokens">The tokens left under the token ceiling, or <see langword="null"/> for none.</param>
    public CallEstimate Estimate(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, Deployment deployment, decimal? remainingCost = null, long? remainingTokens = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(deployment);
        long maxOutput = options?.MaxOutputTokens ?? deployment.DefaultMaxOutputTokens;
        long bound = ByteBound(messages, options);
        decimal boundCost = deployment.Price.CostOf(bound, maxOutput);

        bool near = (remainingCost is { } cost && boundCost >= cost * (decimal)ExactCountThreshold)
            || (remainingTokens is { } tokens && bound + maxOutput >= tokens * ExactCountThreshold);
        if (!near)
        {
            return new CallEstimate(bound, maxOutput, boundCost, Exact: false);
        }

        long exact = _counter.CountInput(messages, options);
        return new CallEstimate(exact, maxOutput, deployment.Price.CostOf(exact, maxOutput), Exact: true);
    }

    /// <summary>An upper bound on the input tokens from the request's UTF-8 size.</summary>
    public static long ByteBound(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long total = TokenCounter.PerRequestOverhead;
        if (options?.Instructions is { } instructions)
        {
            total += TokenCounter.PerMessageOverhead + Encoding.UTF8.GetByteCount(instructions);
        }

        foreach (ChatMessage message in messages)
        {
            total += TokenCounter.PerMessageOverhead;
            foreach (AIContent content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => Encoding.UTF8.GetByteCount(text.Text),
                    TextReasoningContent reasoning => Encoding.UTF8.GetByteCount(reasoning.Text),
                    FunctionCallContent call => Encoding.UTF8.GetByteCount(call.Name) + Encoding.UTF8.GetByteCount(
                        call.Arguments is null ? "" : System.Text.Json.JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)),
                    FunctionResultContent result => Encoding.UTF8.GetByteCount(result.Result?.ToString() ?? ""),
                    _ => 0,
                };
            }
        }

        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (AITool tool in tools)
            {
                total += Encoding.UTF8.GetByteCount(tool.Name) + Encoding.UTF8.GetByteCount(tool.Description ?? "");
                if (tool is AIFunctionDeclaration function)
                {
                    total += Encoding.UTF8.GetByteCount(function.JsonSchema.GetRawText());
                }
            }
        }

        return total;
    }
}
