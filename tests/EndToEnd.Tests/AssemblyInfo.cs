// End-to-end tests run real services, encoders and players on a 2-core machine: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
