namespace Cascade.SupportChatDemo.Orders;

/// <summary>A tool the kernel ran during a chat turn.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Arguments">The arguments as the model sent them.</param>
/// <param name="Result">What the function returned.</param>
public sealed record ToolInvocation(string Name, string Arguments, string Result);
