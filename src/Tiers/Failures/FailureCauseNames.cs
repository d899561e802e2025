namespace Cascade;

/// <summary>The snake_case names failure causes carry in the attempt log's <see cref="AttemptRecord.SwitchCause"/>, in logs and in metrics.</summary>
public static class FailureCauseNames
{
    /// <summary>Gets the snake_case name of a cause (<c>rate_limited</c>, <c>timeout_after_acceptance</c>, ...).</summary>
    public static string ToName(this FailureCause cause)
    {
        string name = cause.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
