using Cascade.Protocol.OpenAI;
using Microsoft.Extensions.AI;

namespace Cascade.Protocol.Conversion;

/// <summary>
/// Turns a stream of Microsoft.Extensions.AI updates into OpenAI <c>chat.completion.chunk</c>s: the first chunk
/// carries the role, text and tool calls follow, and <see cref="Finish"/> gives the chunk with the finish reason and,
/// when asked, the usage chunk (empty <c>choices</c>). The caller writes <c>data: [DONE]</c> last. One encoder per
/// response; not thread-safe.
/// </summary>
public sealed class OpenAIStreamEncoder
{
    private readonly string _model;
    private readonly string _id;
    private readonly long _created;
    private bool _roleSent;
    private bool _finished;
    private int _toolIndex = -1;
    private ChatFinishReason? _finishReason;
    private UsageDetails? _usage;

    /// <summary>Initializes an encoder for one response.</summary>
    public OpenAIStreamEncoder(string model, long created, string? id = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _created = created;
        _id = id ?? "chatcmpl-" + Guid.NewGuid().ToString("N");
    }

    /// <summary>Gets the chunks that carry one update; remembers its usage and finish reason for <see cref="Finish"/>.</summary>
    /// <exception cref="InvalidOperationException">Called after <see cref="Finish"/>.</exception>
    public IReadOnlyList<OpenAIChatChunk> Encode(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (_finished)
        {
            throw new InvalidOperationException("The stream was already finished.");
        }

        var chunks = new List<OpenAIChatChunk>(1);
        _finishReason = update.FinishReason ?? _finishReason;
        foreach (AIContent content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    chunks.Add(Chunk(new OpenAIChatDelta { Content = text.Text }));
                    break;
                case FunctionCallContent call:
                    _toolIndex++;
                    chunks.Add(Chunk(new OpenAIChatDelta
                    {
                        ToolCalls = [new OpenAIToolCallDelta { Index = _toolIndex, Id = call.CallId, Type = "function", Function = new OpenAIFunctionCall { Name = call.Name, Arguments = JsonArguments.ToJsonString(call.Arguments) } }],
                    }));
                    break;
                case UsageContent usage:
                    _usage = usage.Details;
                    break;
            }
        }

        return chunks;
    }

    /// <summary>Gets the closing chunks: the finish reason, then the usage chunk when <paramref name="includeUsage"/> is set.</summary>
    public IReadOnlyList<OpenAIChatChunk> Finish(bool includeUsage, ChatFinishReason? finishReason = null, UsageDetails? usage = null)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The stream was already finished.");
        }

        _finished = true;
        OpenAIChatChunk last = Chunk(new OpenAIChatDelta());
        last.Choices[0].FinishReason = OpenAIResponseConversion.ToFinishReason(finishReason ?? _finishReason, _toolIndex >= 0);
        var chunks = new List<OpenAIChatChunk>(2) { last };
        if (includeUsage)
        {
            chunks.Add(new OpenAIChatChunk { Id = _id, Created = _created, Model = _model, Usage = OpenAIResponseConversion.ToUsage(usage ?? _usage) });
        }

        return chunks;
    }

    private OpenAIChatChunk Chunk(OpenAIChatDelta delta)
    {
        if (!_roleSent)
        {
            _roleSent = true;
            delta.Role = OpenAIRoles.Assistant;
        }

        return new OpenAIChatChunk { Id = _id, Created = _created, Model = _model, Choices = [new OpenAIChunkChoice { Delta = delta }] };
    }
}
