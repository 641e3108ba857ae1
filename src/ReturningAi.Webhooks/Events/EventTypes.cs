using ReturningAi.Contracts.Webhooks;

namespace ReturningAi.Webhooks.Events;

/// <summary>The event types endpoints subscribe to (events-and-jobs.md §1.4), with the product docs' page and schema names.</summary>
public static class EventTypes
{
    public const string All = "*";
    public const string Test = "webhook.test";
    public const string ItemPurchased = "store.item_purchased";
    public const string UserJoined = "community.user_joined";
    public const string UserVisited = "community.user_visited";
    public const string MessagePosted = "channel.message_posted";
    public const string ProductsCreated = "store.products_created";
    public const string OrderStatusChanged = "redemption.order_status_changed";
    public const string JobCompleted = "bulk.job_completed";

    public static IReadOnlyList<EventTypeDto> Catalogue { get; } =
    [
        new(ItemPurchased, "Purchased Store Item", "PurchasedStoreItemEvent",
            "A user bought a store item: the order, product, user, price paid, voucher code and status (STORE_EVENTS.ITEM_PURCHASED)."),
        new(UserJoined, "User Joins Server", "UserJoinedCommunityEvent",
            "A user joined the community: the user, roles, tags and how they came (COMMUNITY_EVENTS.USER_JOINED)."),
        new(UserVisited, "User Visits server", "UserVisitedCommunityEvent",
            "A user visited the community, at most once a user per 30 minutes (COMMUNITY_EVENTS.USER_VISITED)."),
        new(MessagePosted, "New Message Posted Anywhere", "ChannelMessagePostedEvent",
            "A message was posted in a channel; channelIDs on the endpoint narrows it to those channels (MESSAGING_EVENTS.MESSAGE_POSTED)."),
        new(ProductsCreated, null, null, "Products were created, one at a time or in bulk (PRODUCT_EVENTS.PRODUCTS_CREATED)."),
        new(OrderStatusChanged, null, null, "A redemption order moved to another status (REDEMPTION_EVENTS.ORDER_STATUS_CHANGED)."),
        new(JobCompleted, null, null, "A bulk job finished: the job in its final state (BULK_EVENTS.JOB_COMPLETED)."),
    ];

    public static bool IsKnown(string type) => Catalogue.Any(t => string.Equals(t.Type, type, StringComparison.Ordinal));
}
