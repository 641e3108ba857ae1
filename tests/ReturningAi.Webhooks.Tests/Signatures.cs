using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using ReturningAi.TestSupport;

namespace ReturningAi.Webhooks.Tests;

/// <summary>A receiver's check with the stock Standard Webhooks library, one signature of the header at a time (see README).</summary>
public static class Signatures
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
