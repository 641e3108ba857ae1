using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using ReturningAi.Contracts.Events;
using ReturningAi.ServiceDefaults.Http;
using ReturningAi.Webhooks.Events;

namespace ReturningAi.Webhooks.Consumers;

/// <summary>
/// BULK_EVENTS.JOB_COMPLETED becomes <c>bulk.job_completed</c> (events-and-jobs.md §1.4): <c>data</c> is the final job exactly as
/// <c>GET /bulk/jobs/{jobID}</c> shows it, so written with the API's own JSON settings. The Jobs service sends it once per job
/// from its outbox; a resend carries the same MessageId, so it makes no second event.
/// </summary>
public sealed class JobCompletedConsumer(EventRecorder events) : IConsumer<JobCompleted>
{
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new UtcMillisecondsDateTimeOffsetConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public Task Consume(ConsumeContext<JobCompleted> context)
    {
        var message = context.Message;
        return events.RecordAsync(context, message.CommunityId, EventTypes.JobCompleted, JsonSerializer.SerializeToNode(message.Job, ApiJson)!);
    }
}
