using System.ClientModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.SupportChatDemo.Chat;

/// <summary>Maps <c>POST /api/chat</c>.</summary>
public static partial class ChatEndpoints
{
    /// <summary>Maps the chat API.</summary>
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/chat", ChatAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<ChatReply>, ProblemHttpResult>> ChatAsync(
        ChatRequest? request,
        SupportChatService chat,
        IOptions<SupportChatOptions> options,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        if (Validate(request, options.Value) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid chat request");
        }

        try
        {
            return TypedResults.Ok(await chat.AnswerAsync(request!.Message!.Trim(), request.History ?? [], cancellationToken));
        }
        catch (ClientResultException ex) when (ex.Status == 0)
        {
            // The SDK reports a transport failure (refused connection, DNS, reset) as a result without a status.
            LogUnreachable(loggerFactory.CreateLogger(typeof(ChatEndpoints)), ex);
            return TypedResults.Problem(
                $"The router could not be reached: {ex.Message}",
                statusCode: StatusCodes.Status502BadGateway,
                title: "The cascade router is unreachable");
        }
        catch (ClientResultException ex)
        {
            LogRefused(loggerFactory.CreateLogger(typeof(ChatEndpoints)), ex, ex.Status);
            return TypedResults.Problem(
                $"The router answered {ex.Status}: {ex.Message}",
                statusCode: StatusCodes.Status502BadGateway,
                title: "The cascade router refused the request");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(loggerFactory.CreateLogger(typeof(ChatEndpoints)), ex, options.Value.RouterTimeout);
            return TypedResults.Problem(
                $"The router did not answer within {options.Value.RouterTimeout} (SupportChat:RouterTimeout).",
                statusCode: StatusCodes.Status504GatewayTimeout,
                title: "The cascade router timed out");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(loggerFactory.CreateLogger(typeof(ChatEndpoints)), ex);
            return TypedResults.Problem(
                $"The router could not be reached: {ex.Message}",
                statusCode: StatusCodes.Status502BadGateway,
                title: "The cascade router is unreachable");
        }
    }

    /// <summary>Returns what is wrong with <paramref name="request"/>, or <see langword="null"/> when it is valid.</summary>
    internal static string? Validate(ChatRequest? request, SupportChatOptions options)
    {
        if (request is null)
        {
            return "Send a JSON body such as {\"message\": \"Where is my order A12345?\"}.";
        }

        if (string.IsNullOrWhiteSpace(request.Message))
        {
            return "The message is empty: type a question.";
        }

        if (request.Message.Length > options.MaxMessageLength)
        {
            return $"The message has {request.Message.Length} characters; the limit is {options.MaxMessageLength}.";
        }

        IReadOnlyList<ChatHistoryEntry> history = request.History ?? [];
        if (history.Count > options.MaxHistoryMessages)
        {
            return $"The history has {history.Count} messages; the limit is {options.MaxHistoryMessages}. Start a new conversation.";
        }

        for (int i = 0; i < history.Count; i++)
        {
            ChatHistoryEntry entry = history[i];
            if (entry is null || entry.Role is not ("user" or "assistant"))
            {
                return $"history[{i}].role must be \"user\" or \"assistant\".";
            }

            if (string.IsNullOrWhiteSpace(entry.Content))
            {
                return $"history[{i}].content is empty.";
            }

            if (entry.Content.Length > options.MaxMessageLength)
            {
                return $"history[{i}].content has {entry.Content.Length} characters; the limit is {options.MaxMessageLength}.";
            }
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Warning, "The router could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "The router did not answer within {Timeout}")]
    private static partial void LogTimedOut(ILogger logger, Exception exception, TimeSpan timeout);

    [LoggerMessage(2, LogLevel.Warning, "The router refused the chat request with {Status}")]
    private static partial void LogRefused(ILogger logger, Exception exception, int status);
}
