# Vault policy for the payments Flink job (role "payments-job", Kubernetes auth).
# Least privilege: read the card-token HMAC key, mint data keys. No transit decrypt: a stolen job
# token cannot open the ciphertexts in payments.vault. Token renew-self and lookup-self come from
# Vault's built-in "default" policy.

# Card token HMAC key (KV v2). Versions are read so that a rotation is picked up.
path "secret/data/payments/card-token-key" {
  capabilities = ["read"]
}

# New data keys for envelope encryption: the key and its wrapped form in one call.
path "transit/datakey/plaintext/payments-pan" {
  capabilities = ["update"]
}

# Kafka client TLS material (truststore, keystore and their passwords, base64 stores), rendered to
# files by the Vault Agent sidecar of the job's pods (flink-k8s/base/flinkdeployment.yaml).
path "secret/data/payments/kafka-client" {
  capabilities = ["read"]
}
