namespace Cascade.Protocol.Anthropic;

/// <summary>The roles of an Anthropic message.</summary>
public static class AnthropicRoles
{
    /// <summary>The user's turn.</summary>
    public const string User = "user";

    /// <summary>The model's turn.</summary>
    public const string Assistant = "assistant";
}
