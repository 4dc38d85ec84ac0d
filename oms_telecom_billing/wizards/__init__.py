from . import contract_manually_create_invoice
