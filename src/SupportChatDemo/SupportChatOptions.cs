using System.ComponentModel.DataAnnotations;

namespace Cascade.SupportChatDemo;

/// <summary>The support chat's settings (<c>SupportChat</c> section).</summary>
public sealed class SupportChatOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "SupportChat";

    /// <summary>Gets or sets the router API key sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default value is the <c>Key</c> of <c>ConnectionStrings:cascade</c>, which the AppHost sets; a key is required.</value>
    [Required(ErrorMessage = "SupportChat:RouterApiKey is required: set it to a router API key, or reference the cascade resource (ConnectionStrings:cascade) as the AppHost does.")]
    public string RouterApiKey { get; set; } = "";

    /// <summary>Gets or sets the router's base address (<c>/v1</c> is appended).</summary>
    /// <value>The default value is the <c>Endpoint</c> of <c>ConnectionStrings:cascade</c>, else <c>services:router:http:0</c>; the AppHost sets both.</value>
    public Uri? RouterEndpoint { get; set; }

    /// <summary>Gets or sets the router model (route) name, such as <c>cascade/support</c>.</summary>
    /// <value>The default value is <c>cascade</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "cascade";

    /// <summary>Gets or sets how long one router call may take before the turn fails with a 504.</summary>
    /// <value>The default value is 2 minutes, above the router's own cascade deadlines.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RouterTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the longest user message accepted, in characters.</summary>
    /// <value>The default value is 2000.</value>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 2_000;

    /// <summary>Gets or sets the most earlier messages a request may carry as history.</summary>
    /// <value>The default value is 40.</value>
    [Range(0, 1_000)]
    public int MaxHistoryMessages { get; set; } = 40;
}
