namespace Cascade.Simulator.Generation;

/// <summary>A piece of answer text sent as one stream event, with its exact token count and share of the logprob.</summary>
/// <param name="Text">The text, with its leading whitespace.</param>
/// <param name="Tokens">Its tokens.</param>
/// <param name="Logprob">Its share of the answer's log-probability.</param>
public readonly record struct OutputPiece(string Text, int Tokens, double Logprob);
