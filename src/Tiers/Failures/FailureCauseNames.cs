namespace Cascade;

/// <summary>The snake_case names failure causes carry in the attempt log's <see cref="AttemptRecord.SwitchCause"/>, in logs and in metrics.</summary>
public static class FailureCauseNames
{
    /// <summary>Gets the snake_case name of a cause (<c>rate_limited</c>, <c>timeout_after_acceptance</c>, ...).</summary>
    public static string ToName(this FailureCause cause) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(cause.ToString());
}
