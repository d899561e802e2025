namespace Cascade.Protocol.OpenAI;

/// <summary>An entry of <c>GET /v1/models</c> in the OpenAI shape.</summary>
public sealed class OpenAIModelInfo
{
    /// <summary>Gets or sets the model id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets the object type, always <c>model</c>.</summary>
    public string Object { get; set; } = "model";

    /// <summary>Gets or sets the creation time in Unix seconds.</summary>
    public long Created { get; set; }

    /// <summary>Gets or sets the owner.</summary>
    public string OwnedBy { get; set; } = "system";
}
