namespace Cascade.AppHost.Tests.Telemetry;

/// <summary>Points every project of a testing app model at an OTLP receiver, with short export delays.</summary>
public static class TelemetryExport
{
    /// <summary>Makes each project export traces, logs and metrics to <paramref name="receiver"/> over OTLP/HTTP (protobuf).</summary>
    public static IDistributedApplicationTestingBuilder ExportTelemetryTo(this IDistributedApplicationTestingBuilder builder, Uri receiver)
    {
        foreach (ProjectResource project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GetLeftPart(UriPartial.Authority);
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_HEADERS");
                context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "200";
                context.EnvironmentVariables["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
                context.EnvironmentVariables["OTEL_TRACES_SAMPLER"] = "always_on";
            });
        }

        return builder;
    }
}
