// SharedBuffer objects are pooled process-wide; tests that assert reference counts after release must not
// race with other tests renting from the same pool.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
