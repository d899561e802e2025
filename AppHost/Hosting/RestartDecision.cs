namespace Cascade.AppHost.Hosting;

/// <summary>What to do after a resource's process exited unexpectedly.</summary>
/// <param name="Restart">Whether to start it again.</param>
/// <param name="Delay">How long to wait first.</param>
/// <param name="Attempt">Which restart in a row this is (1 for the first); when not restarting, how many were made.</param>
public readonly record struct RestartDecision(bool Restart, TimeSpan Delay, int Attempt);
