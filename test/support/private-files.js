// Files the tests make beside the product (fixtures of a data directory, logs made directly) are private as the
// product's own are: the product refuses to start on a data directory others may read.
process.umask(0o077);
