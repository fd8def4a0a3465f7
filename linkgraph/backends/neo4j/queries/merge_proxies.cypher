// One row per IP: {ip, asn}. An unknown ASN (null) keeps the one already stored.
UNWIND $rows AS row
MERGE (p:Proxy {ip: row.ip})
SET p.asn = coalesce(row.asn, p.asn)
