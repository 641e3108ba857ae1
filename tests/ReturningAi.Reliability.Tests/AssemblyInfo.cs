// The fault tests stop the shared PostgreSQL and RabbitMQ: no other collection may run meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
