using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace ReturningAi.TestSupport;

/// <summary>
/// A receiver's check with the stock Standard Webhooks library (the <c>StandardWebhooks</c> package), one signature of the
/// header at a time: 1.1.2 compares only the first one, which after a rotation is the new secret's (see README).
/// </summary>
public static class StandardWebhookCheck
{
    public static bool Verify(string secret, ReceivedRequest request, string? body = null)
    {
        foreach (var signature in (request.Header("webhook-signature") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var headers = new HeaderDictionary
            {
                ["webhook-id"] = request.WebhookId,
                ["webhook-timestamp"] = request.Header("webhook-timestamp"),
                ["webhook-signature"] = signature,
            };
            try
            {
                new StandardWebhook(secret).Verify(body ?? request.BodyText, headers);
                return true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                // Another signature of the header may be this secret's.
            }
        }

        return false;
    }
}
