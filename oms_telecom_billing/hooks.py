def post_init_hook(env):
    env["product.template"]._telecom_set_default_sale_taxes()
