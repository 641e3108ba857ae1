// Every test class starts a store consuming the same command queues, each on its own database: two at
// once would take each other's commands.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
