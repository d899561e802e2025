namespace Cascade.Simulator.Answers;

/// <summary>A tool call the simulated model makes.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object.</param>
public sealed record SimulatedToolCall(string Id, string Name, string ArgumentsJson);
