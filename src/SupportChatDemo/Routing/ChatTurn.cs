using Cascade.SupportChatDemo.Orders;

namespace Cascade.SupportChatDemo.Routing;

/// <summary>
/// What happens during one chat turn: every router call (an order question makes two: the tool call, then the answer)
/// and every tool the kernel ran. Flows with the async context, so the HTTP handler and the kernel functions of the
/// turn report into it.
/// </summary>
public sealed class ChatTurn
{
    private static readonly AsyncLocal<ChatTurn?> s_current = new();
    private readonly Lock _gate = new();
    private readonly List<RouterCall> _calls = [];
    private readonly List<ToolInvocation> _tools = [];

    /// <summary>Gets the turn of the current async flow, or <see langword="null"/> outside one.</summary>
    public static ChatTurn? Current => s_current.Value;

    /// <summary>Gets the router calls so far, in order.</summary>
    public IReadOnlyList<RouterCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Gets the tools run so far, in order.</summary>
    public IReadOnlyList<ToolInvocation> Tools
    {
        get
        {
            lock (_gate)
            {
                return [.. _tools];
            }
        }
    }

    /// <summary>Starts a turn for the current async flow; dispose the result to end it.</summary>
    public static IDisposable Begin(out ChatTurn turn)
    {
        turn = new ChatTurn();
        ChatTurn? previous = s_current.Value;
        s_current.Value = turn;
        return new Scope(previous);
    }

    /// <summary>Records a router call.</summary>
    public void Add(RouterCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    /// <summary>Records a tool invocation.</summary>
    public void Add(ToolInvocation tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        lock (_gate)
        {
            _tools.Add(tool);
        }
    }

    private sealed class Scope(ChatTurn? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
