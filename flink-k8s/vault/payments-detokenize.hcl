# Vault policy for the detokenization tool (authorised staff only; every use is audited).
# It may unwrap data keys; it may not mint them, nor read the token HMAC key.

path "transit/decrypt/payments-pan" {
  capabilities = ["update"]
}
