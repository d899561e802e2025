using System.ComponentModel.DataAnnotations;

namespace Cascade.SupportChatDemo;

/// <summary>The support chat's settings (<c>SupportChat</c> section).</summary>
public sealed class SupportChatOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "SupportChat";

    /// <summary>Gets or sets the router API key sent as <c>Authorization: Bearer</c>.</summary>
    [Required(ErrorMessage = "SupportChat:RouterApiKey is required: set it to a router API key (the AppHost passes one).")]
    public string RouterApiKey { get; set; } = "";

    /// <summary>Gets or sets the router's base address; when empty, <c>services:router:http:0</c> (set by the AppHost) is used.</summary>
    public Uri? RouterEndpoint { get; set; }

    /// <summary>Gets or sets the router model (route) name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "cascade";

    /// <summary>Gets or sets the longest user message accepted, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 2_000;

    /// <summary>Gets or sets the most earlier messages a request may carry as history.</summary>
    [Range(0, 1_000)]
    public int MaxHistoryMessages { get; set; } = 40;
}
