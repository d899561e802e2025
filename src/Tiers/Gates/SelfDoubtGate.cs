using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Explicit self-reported doubt: asks the model to start its answer with <c>UNSURE:</c> when it is not confident, rejects an
/// answer that does, and strips the marker from the answer that is kept (a last tier's doubting answer).
/// </summary>
/// <remarks>
/// The instruction is appended to <see cref="ChatOptions.Instructions"/>, which MEAI's provider clients send as the system
/// prompt, on a copy of the caller's options. Leading Markdown emphasis (<c>**UNSURE:**</c>) is tolerated.
/// </remarks>
public sealed class SelfDoubtGate : IRequestShapingGate
{
    /// <summary>The gate's kind and name: <c>unsure</c>.</summary>
    public const string Kind = "unsure";

    private readonly SelfDoubtGateOptions _options;

    /// <summary>Initializes the gate.</summary>
    public SelfDoubtGate(SelfDoubtGateOptions? options = null) => _options = options ?? new SelfDoubtGateOptions();

    /// <inheritdoc/>
    public string Name => Kind;

    private StringComparison Comparison => _options.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <inheritdoc/>
    public ChatOptions? ShapeRequest(ChatOptions? options)
    {
        ChatOptions shaped = options?.Clone() ?? new ChatOptions();
        if (shaped.Instructions?.Contains(_options.Instruction, StringComparison.Ordinal) == true)
        {
            return shaped;
        }

        shaped.Instructions = string.IsNullOrWhiteSpace(shaped.Instructions) ? _options.Instruction : $"{shaped.Instructions}\n\n{_options.Instruction}";
        return shaped;
    }

    /// <inheritdoc/>
    public ChatResponse ShapeResponse(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!StartsWithMarker(response.Text, out _))
        {
            return response;
        }

        // Rebuild the messages rather than edit the caller's objects: the marker goes from the first text content only.
        bool stripped = false;
        var messages = new List<ChatMessage>(response.Messages.Count);
        foreach (ChatMessage message in response.Messages)
        {
            var contents = new List<AIContent>(message.Contents.Count);
            foreach (AIContent content in message.Contents)
            {
                if (!stripped && content is TextContent text && !string.IsNullOrWhiteSpace(text.Text))
                {
                    stripped = true;
                    contents.Add(new TextContent(Strip(text.Text)) { AdditionalProperties = text.AdditionalProperties, RawRepresentation = text.RawRepresentation });
                }
                else
                {
                    contents.Add(content);
                }
            }

            messages.Add(new ChatMessage(message.Role, contents)
            {
                AuthorName = message.AuthorName,
                MessageId = message.MessageId,
                AdditionalProperties = message.AdditionalProperties,
                RawRepresentation = message.RawRepresentation,
                CreatedAt = message.CreatedAt,
            });
        }

        return new ChatResponse(messages)
        {
            ResponseId = response.ResponseId,
            ConversationId = response.ConversationId,
            ModelId = response.ModelId,
            CreatedAt = response.CreatedAt,
            FinishReason = response.FinishReason,
            Usage = response.Usage,
            AdditionalProperties = response.AdditionalProperties,
            RawRepresentation = response.RawRepresentation,
        };
    }

    /// <inheritdoc/>
    public ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(StartsWithMarker(context.Text, out string rest)
            ? GateVerdict.Reject(Name, rest.Length == 0 ? "the model said it is unsure" : $"the model said it is unsure: {Shorten(rest)}", 0)
            : GateVerdict.Abstain(Name, "no doubt reported"));
    }

    private bool StartsWithMarker(string text, out string rest)
    {
        string trimmed = text.TrimStart().TrimStart('*', '_', '#', ' ');
        if (trimmed.StartsWith(_options.Marker, Comparison))
        {
            rest = trimmed[_options.Marker.Length..].TrimStart('*', '_', ' ').Trim();
            return true;
        }

        rest = "";
        return false;
    }

    private string Strip(string text)
    {
        int start = text.IndexOf(_options.Marker, Comparison);
        return start < 0 ? text : text[(start + _options.Marker.Length)..].TrimStart('*', '_').TrimStart();
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
