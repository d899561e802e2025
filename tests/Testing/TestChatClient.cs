using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cascade.Testing;

/// <summary>
/// A callback-driven <see cref="IChatClient"/> for tests: each call runs the next scripted step (an answer,
/// a failure, a delay on a <see cref="TimeProvider"/>), and every call is recorded.
/// </summary>
public sealed class TestChatClient : IChatClient
{
    private readonly ConcurrentQueue<TestCall> _calls = new();
    private int _callCount;

    /// <summary>Gets or sets the non-streaming callback. When <see langword="null"/>, <see cref="Steps"/> are used.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    /// <summary>Gets or sets the streaming callback. When <see langword="null"/>, the non-streaming answer is streamed word by word with usage last.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    /// <summary>Gets the scripted steps, one per call; the last one repeats.</summary>
    public List<Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>> Steps { get; } = [];

    /// <summary>Gets or sets the clock used by <see cref="Delay"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets a delay before each answer, on <see cref="TimeProvider"/>.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets or sets the metadata's provider name.</summary>
    public string ProviderName { get; set; } = "test";

    /// <summary>Gets or sets the model id reported in responses and metadata.</summary>
    public string ModelId { get; set; } = "test-model";

    /// <summary>Gets the number of calls made.</summary>
    public int CallCount => Volatile.Read(ref _callCount);

    /// <summary>Gets every call, in order.</summary>
    public IReadOnlyList<TestCall> Calls => _calls.ToArray();

    /// <summary>Creates a client that always answers <paramref name="text"/> with the given usage.</summary>
    public static TestChatClient Answering(string text, long inputTokens = 10, long outputTokens = 5, string modelId = "test-model") =>
        new TestChatClient { ModelId = modelId }.ThenAnswer(text, inputTokens, outputTokens);

    /// <summary>Creates a client that always throws <paramref name="exception"/>.</summary>
    public static TestChatClient Failing(Exception exception) => new TestChatClient().ThenThrow(exception);

    /// <summary>Adds a step answering <paramref name="text"/>.</summary>
    public TestChatClient ThenAnswer(string text, long inputTokens = 10, long outputTokens = 5, ChatFinishReason? finishReason = null)
    {
        Steps.Add((_, _, _) => Task.FromResult(ChatResponses.Text(text, inputTokens, outputTokens, finishReason, ModelId)));
        return this;
    }

    /// <summary>Adds a step returning <paramref name="response"/>.</summary>
    public TestChatClient ThenRespond(ChatResponse response)
    {
        Steps.Add((_, _, _) => Task.FromResult(response));
        return this;
    }

    /// <summary>Adds a step computing the response from the request.</summary>
    public TestChatClient ThenRespond(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> respond)
    {
        Steps.Add((messages, options, _) => Task.FromResult(respond(messages, options)));
        return this;
    }

    /// <summary>Adds a step throwing <paramref name="exception"/>.</summary>
    public TestChatClient ThenThrow(Exception exception)
    {
        Steps.Add((_, _, _) => Task.FromException<ChatResponse>(exception));
        return this;
    }

    /// <summary>Adds a step that never answers until cancelled (a hung provider).</summary>
    public TestChatClient ThenHang()
    {
        Steps.Add(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = messages.ToList();
        int index = Record(list, options, streaming: false);
        if (GetResponseAsyncCallback is { } callback)
        {
            return await callback(list, options, cancellationToken);
        }

        return await RunStepAsync(index, list, options, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = messages.ToList();
        if (GetStreamingResponseAsyncCallback is { } streaming)
        {
            Record(list, options, streaming: true);
            await foreach (ChatResponseUpdate update in streaming(list, options, cancellationToken).WithCancellation(cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        int index = Record(list, options, streaming: true);
        ChatResponse response = GetResponseAsyncCallback is { } callback
            ? await callback(list, options, cancellationToken)
            : await RunStepAsync(index, list, options, cancellationToken);
        foreach (ChatResponseUpdate update in ChatResponses.ToWordUpdates(response))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName, null, ModelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private int Record(IReadOnlyList<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        int index = Interlocked.Increment(ref _callCount) - 1;
        _calls.Enqueue(new TestCall(index, messages, options, streaming));
        return index;
    }

    private async Task<ChatResponse> RunStepAsync(int index, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (Steps.Count == 0)
        {
            throw new InvalidOperationException("TestChatClient has no steps and no callback.");
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, TimeProvider, cancellationToken);
        }

        return await Steps[Math.Min(index, Steps.Count - 1)](messages, options, cancellationToken);
    }
}

/// <summary>One recorded call of a <see cref="TestChatClient"/>.</summary>
/// <param name="Index">The call's position, from 0.</param>
/// <param name="Messages">The messages sent.</param>
/// <param name="Options">The options sent.</param>
/// <param name="Streaming">Whether the call streamed.</param>
public sealed record TestCall(int Index, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming);
