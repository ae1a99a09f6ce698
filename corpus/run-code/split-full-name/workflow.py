@workflow("Split full name into first and last")
@trigger(shopify.admin.customer_created)
def run(customer):
    if not customer.lastName and " " in customer.firstName:
        step(name="Run code")
        runCode = shopify.flow.run_code(
            input="""query{
  customer {
    firstName
  }
}""",
            script="""export default function main(input) {
  const parts = input.customer.firstName.trim().split(/\\s+/);
  return {
    firstName: parts.shift(),
    lastName: parts.join(" "),
  };
}""",
            output_schema="""type Output {
  firstName: String!
  lastName: String!
}""",
        )
        step(name="Send Admin API request")
        shopify.admin.admin_api_operation(
            api_call={
                "name": "customerUpdate",
                "blob": json(
                    {
                        "input": {
                            "id": "{{ customer.id }}",
                            "firstName": "{{ runCode.firstName }}",
                            "lastName": "{{ runCode.lastName }}",
                        }
                    }
                ),
            }
        )
