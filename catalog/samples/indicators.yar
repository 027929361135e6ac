rule capenv_sample_wallet_address
{
    meta:
        description = "Synthetic sample rule: a made-up cryptocurrency wallet identifier"
        source = "capenv catalogue sample, not real intelligence"
    strings:
        $wallet = "bc1qsampleonlynotarealwallet0000000000" ascii wide
    condition:
        $wallet
}

rule capenv_sample_onion_link
{
    meta:
        description = "Synthetic sample rule: an onion-style address of the made-up form used in training data"
    strings:
        $onion = /[a-z2-7]{16}\.onion/ ascii
    condition:
        $onion
}
