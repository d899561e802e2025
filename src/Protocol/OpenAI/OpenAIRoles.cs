namespace Cascade.Protocol.OpenAI;

/// <summary>The roles of an OpenAI chat message.</summary>
public static class OpenAIRoles
{
    /// <summary>System instructions.</summary>
    public const string System = "system";

    /// <summary>Developer instructions (the newer name of system).</summary>
    public const string Developer = "developer";

    /// <summary>The user's turn.</summary>
    public const string User = "user";

    /// <summary>The model's turn.</summary>
    public const string Assistant = "assistant";

    /// <summary>A tool result.</summary>
    public const string Tool = "tool";
}
