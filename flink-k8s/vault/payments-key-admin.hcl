# Vault policy for the key custodians who rotate keys (not for the job).

# Write a new version of the card token HMAC key (field "key": 32+ random bytes, base64).
path "secret/data/payments/card-token-key" {
  capabilities = ["create", "update", "read"]
}
path "secret/metadata/payments/card-token-key" {
  capabilities = ["read"]
}

# Rotate the transit key that wraps data keys; old versions keep decrypting.
path "transit/keys/payments-pan/rotate" {
  capabilities = ["update"]
}
path "transit/keys/payments-pan" {
  capabilities = ["read"]
}
