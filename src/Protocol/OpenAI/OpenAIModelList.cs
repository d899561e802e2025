namespace Cascade.Protocol.OpenAI;

/// <summary>The body of <c>GET /v1/models</c> in the OpenAI shape.</summary>
public sealed class OpenAIModelList
{
    /// <summary>Gets the object type, always <c>list</c>.</summary>
    public string Object { get; set; } = "list";

    /// <summary>Gets or sets the models.</summary>
    public List<OpenAIModelInfo> Data { get; set; } = [];
}
